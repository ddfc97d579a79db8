package io.upshift.devstack;

import java.nio.file.Path;

/**
 * Starts the local stack on well-known ports (the broker's is printed) and keeps it up until
 * Ctrl-C, so services started by hand, or outside tools such as kcat and psql, can use it.
 */
public final class DevStackMain {

    static final int POSTGRES_PORT = 5433;
    static final int SMTP_PORT = 2525;
    static final int REGISTRY_PORT = 8085;

    private DevStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "devstack-logback.xml");
        }
        Path mailDirectory = Path.of(args.length > 0 ? args[0] : "target/devstack-mail").toAbsolutePath();
        DevStackConfig config = new DevStackConfig(java.util.Map.of(), 0, POSTGRES_PORT,
                DevStackConfig.SERVICE_DATABASES, SMTP_PORT, REGISTRY_PORT, mailDirectory);
        DevStack stack = DevStack.start(config);
        OrderlyStop stop = OrderlyStop.onSignal(() -> {
            System.out.println("devstack: stopping…");
            int mails = stack.smtp().writeTo(mailDirectory);
            stack.close();
            System.out.println("devstack: stopped (" + mails + " mails written to " + mailDirectory + ")");
        });
        System.out.println();
        System.out.println("Upshift devstack is up (started in " + stack.startedIn().toMillis() + " ms):");
        System.out.println(stack.addresses());
        System.out.println("  Mails            written as .eml to " + mailDirectory + " on exit");
        System.out.println("Press Ctrl-C to stop.");
        stop.awaitStopped();
    }
}
