package io.upshift.bench;

/**
 * One benchmark: measures a part of Upshift and, in the same run on the same stack, the baseline
 * it is compared with (plain Kafka clients, a PostgreSQL COPY, a bare mail loop, a bound).
 */
public interface Benchmark {

    /** Short name, used on the command line ({@code --only}) and as the results file name. */
    String name();

    /** One line: what is measured against what. */
    String title();

    Result run(BenchEnvironment environment, Size size) throws Exception;
}
