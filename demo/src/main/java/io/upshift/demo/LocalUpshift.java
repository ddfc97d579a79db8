package io.upshift.demo;

import io.upshift.devstack.DevStack;
import io.upshift.executor.ExecutorApplication;
import io.upshift.fleet.world.FleetWorld;
import io.upshift.notifier.NotifierApplication;
import io.upshift.planner.PlannerApplication;
import io.upshift.security.apikey.domain.ApiKeyToken;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Upshift on the devstack, in this JVM: the planner, N executors and the notifier, each a Spring
 * Boot application context with its own HTTP and management port, configured exactly as a
 * separate process would be (its own {@code application.yml}, its own database) — see
 * {@link ServiceClassLoader}. Used by the demo, the end-to-end tests and the benchmarks.
 */
public final class LocalUpshift implements AutoCloseable {

    private final DevStack stack;
    private final Settings settings;
    private final ConfigurableApplicationContext planner;
    private final List<ConfigurableApplicationContext> executors = new ArrayList<>();
    private final ConfigurableApplicationContext notifier;
    private final ConfigurableApplicationContext console;
    private final ConfigurableApplicationContext portal;
    private final String adminKey;

    private LocalUpshift(DevStack stack, Settings settings, String adminKey) {
        this.stack = stack;
        this.settings = settings;
        this.adminKey = adminKey;
        // The run's ADMIN key, given to the planner and the notifier as their bootstrap key. It goes in
        // as a command-line argument, which outranks UPSHIFT_BOOTSTRAP_ADMIN_KEY in application.yml: a
        // key from the environment must therefore be passed in here (see UpshiftDemo), not left to Spring.
        Map<String, String> bootstrap = Map.of("upshift.security.api-keys.bootstrap-admin-key", adminKey);
        // The subscriber links' key, made up for the run like the admin key: the notifier signs the links of
        // its notices, the portal and the planner check them (#23). The portal's port is chosen now, for the links.
        Map<String, String> links = Map.of("upshift.links.keys", "run:" + randomKey());
        int portalPort = freePort();
        planner = start(PlannerApplication.class, "planner", merged(merged(settings.planner(), bootstrap), links),
                "planner");
        for (int i = 1; i <= settings.executors(); i++) {
            executors.add(startExecutor(i));
        }
        // The console starts last (it needs the others' addresses), but the notifier's approval emails link to
        // it: its port is chosen now.
        int consolePort = freePort();
        Map<String, String> linkToConsole = Map.of("upshift.notifier.console-url", "http://localhost:" + consolePort,
                "upshift.notifier.subscriber-portal.url", "http://localhost:" + portalPort);
        notifier = settings.startNotifier()
                ? start(NotifierApplication.class, "notifier",
                        merged(merged(merged(linkToConsole, settings.notifier()), bootstrap), links), "notifier")
                : null;
        // The web console talks HTTP to the planner and the notifier only: no database, broker or mail.
        Map<String, String> apis = new LinkedHashMap<>(Map.of("upshift.console.planner-url", plannerUrl(),
                "server.port", String.valueOf(consolePort)));
        if (notifier != null) {
            apis.put("upshift.console.notifier-url", notifierUrl());
        }
        console = start(io.upshift.console.ConsoleApplication.class, "console", merged(settings.console(), apis), null, false);
        // The subscriber portal: Kafka for the requests, the planner's subscriber view with a key of its own
        // (here the run's key; a deployment gives it a VIEWER key).
        Map<String, String> portalSettings = new LinkedHashMap<>(links);
        portalSettings.put("server.port", String.valueOf(portalPort));
        portalSettings.put("upshift.portal.planner-url", plannerUrl());
        portalSettings.put("upshift.portal.planner-api-key", adminKey);
        portalSettings.putAll(settings.portal());
        portal = start(io.upshift.portal.PortalApplication.class, "subscriber-portal", portalSettings, null);
    }

    /** The subscriber portal's address (pages at {@code /s/<signed link>}, linked from the notices). */
    public String portalUrl() {
        return "http://localhost:" + port(portal, "local.server.port");
    }

    /** The subscriber portal's {@code /actuator/prometheus} (not in {@link #metricsUrls()}: the services only). */
    public String portalMetricsUrl() {
        return metricsUrl(portal);
    }

    /** The subscriber portal's context. */
    public ConfigurableApplicationContext portal() {
        return portal;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** The web console's address (sign in with an API key, e.g. {@link #adminKey()}). */
    public String consoleUrl() {
        return "http://localhost:" + port(console, "local.server.port");
    }

    /**
     * A one-time link that signs the browser that opens it in to the console with this API key, within eight
     * hours (the key stays in the console's memory, never in the link).
     */
    public String consoleSignInLink(String apiKey) {
        String token = console.getBean(io.upshift.console.signin.SignInLinks.class).issue(apiKey, java.time.Duration.ofHours(8));
        return consoleUrl() + "/sign-in/link?token=" + token;
    }

    /**
     * What differs from the services' own defaults.
     *
     * @param executors how many executor instances
     * @param database suffix of the databases, so several stacks can share one devstack (null: none)
     * @param planner extra planner properties
     * @param executor extra properties for every executor
     * @param notifier extra notifier properties
     * @param startNotifier whether the notifier runs at all (benchmarks of the command path leave it out)
     * @param console extra console properties (an OpenID Connect client registration, for instance)
     */
    public record Settings(int executors, String database, Map<String, String> planner,
            Map<String, String> executor, Map<String, String> notifier, boolean startNotifier,
            Map<String, String> console) {

        /** Extra subscriber-portal properties (none: its rate limits are the deployed ones). */
        public Map<String, String> portal() {
            return Map.of();
        }

        public Settings {
            planner = Map.copyOf(planner);
            executor = Map.copyOf(executor);
            notifier = Map.copyOf(notifier);
            console = Map.copyOf(console);
        }

        public Settings(int executors, String database, Map<String, String> planner, Map<String, String> executor,
                Map<String, String> notifier, boolean startNotifier) {
            this(executors, database, planner, executor, notifier, startNotifier, Map.of());
        }

        public Settings(int executors, String database, Map<String, String> planner, Map<String, String> executor,
                Map<String, String> notifier) {
            this(executors, database, planner, executor, notifier, true);
        }

        public static Settings of(int executors) {
            return new Settings(executors, null, Map.of(), Map.of(), Map.of());
        }

        public Settings withDatabase(String suffix) {
            return new Settings(executors, suffix, planner, executor, notifier, startNotifier, console);
        }

        public Settings withPlanner(Map<String, String> properties) {
            return new Settings(executors, database, merge(planner, properties), executor, notifier, startNotifier, console);
        }

        public Settings withExecutor(Map<String, String> properties) {
            return new Settings(executors, database, planner, merge(executor, properties), notifier, startNotifier, console);
        }

        public Settings withNotifier(Map<String, String> properties) {
            return new Settings(executors, database, planner, executor, merge(notifier, properties), startNotifier, console);
        }

        public Settings withConsole(Map<String, String> properties) {
            return new Settings(executors, database, planner, executor, notifier, startNotifier, merge(console, properties));
        }

        /** Planner and executors only: no notifier context (its Kafka intake and mail would share the CPU). */
        public Settings withoutNotifier() {
            return new Settings(executors, database, planner, executor, notifier, false, console);
        }

        private static Map<String, String> merge(Map<String, String> base, Map<String, String> more) {
            Map<String, String> merged = new LinkedHashMap<>(base);
            merged.putAll(more);
            return merged;
        }
    }

    /** Starts the services with a fresh ADMIN key: nothing is committed, and the key dies with the run. */
    public static LocalUpshift start(DevStack stack, Settings settings) {
        return start(stack, settings, ApiKeyToken.generate(new SecureRandom()).value());
    }

    /** Starts the services with this bootstrap ADMIN key (at least 32 characters, checked by the services). */
    public static LocalUpshift start(DevStack stack, Settings settings, String adminKey) {
        return new LocalUpshift(stack, settings, adminKey);
    }

    public DevStack stack() {
        return stack;
    }

    public String plannerUrl() {
        return "http://localhost:" + port(planner, "local.server.port");
    }

    /** The run's bootstrap ADMIN API key (planner and notifier). */
    public String adminKey() {
        return adminKey;
    }

    /** The planner's API as the run's ADMIN. */
    public ApiClient plannerAsAdmin() {
        return new ApiClient(plannerUrl(), adminKey);
    }

    /** The notifier's API as the run's ADMIN. */
    public ApiClient notifierAsAdmin() {
        return new ApiClient(notifierUrl(), adminKey);
    }

    public String notifierUrl() {
        if (notifier == null) {
            throw new IllegalStateException("this stack was started without the notifier");
        }
        return "http://localhost:" + port(notifier, "local.server.port");
    }

    /** Every service's {@code /actuator/prometheus}, by name (planner, executor-1, …, notifier). */
    public Map<String, String> metricsUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("planner", metricsUrl(planner));
        for (int i = 0; i < executors.size(); i++) {
            urls.put("executor-" + (i + 1), metricsUrl(executors.get(i)));
        }
        if (notifier != null) {
            urls.put("notifier", metricsUrl(notifier));
        }
        return urls;
    }

    public ConfigurableApplicationContext planner() {
        return planner;
    }

    public List<ConfigurableApplicationContext> executors() {
        return List.copyOf(executors);
    }

    /** The notifier's context, or null when the stack was started without it. */
    public ConfigurableApplicationContext notifier() {
        return notifier;
    }

    /**
     * Starts one more executor ({@code executor-N+1}) in the same group and fleet world, e.g. to
     * measure how throughput grows with replicas; returns its context.
     */
    public ConfigurableApplicationContext addExecutor() {
        ConfigurableApplicationContext executor = startExecutor(executors.size() + 1);
        executors.add(executor);
        return executor;
    }

    /** The simulated fleet's world as every executor shares it (its counts cover all replicas). */
    public FleetWorld fleetWorld() {
        return executors.getFirst().getBean(FleetWorld.class);
    }

    @Override
    public void close() {
        List<ConfigurableApplicationContext> all = new ArrayList<>(executors);
        if (notifier != null) {
            all.add(notifier);
        }
        all.add(planner);
        all.addFirst(console);
        all.addFirst(portal);
        for (ConfigurableApplicationContext context : all) {
            try {
                context.close();
            } catch (RuntimeException e) {
                System.err.println("upshift: failed to stop a service: " + e);
            }
        }
    }

    private ConfigurableApplicationContext startExecutor(int number) {
        Map<String, String> properties = new LinkedHashMap<>(settings.executor());
        String fleetDatabase = database("fleet");
        properties.put("upshift.executor.simulated.jdbc-url", stack.jdbcUrl(fleetDatabase));
        properties.put("upshift.executor.simulated.username", stack.databaseUser());
        properties.put("upshift.executor.simulated.password", stack.databasePassword());
        return start(ExecutorApplication.class, "executor-" + number, properties, null);
    }

    private ConfigurableApplicationContext start(Class<?> application, String instance, Map<String, String> extra,
            String database) {
        return start(application, instance, extra, database, true);
    }

    private ConfigurableApplicationContext start(Class<?> application, String instance, Map<String, String> extra,
            String database, boolean onTheStack) {
        Map<String, String> properties = new LinkedHashMap<>(onTheStack ? stack.springProperties(
                database == null ? null : database(database)) : Map.of());
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("upshift.instance-id", instance);
        properties.putAll(extra);
        ServiceClassLoader classLoader = new ServiceClassLoader(application);
        SpringApplication app = new SpringApplicationBuilder(application)
                .resourceLoader(new DefaultResourceLoader(classLoader))
                .registerShutdownHook(false)
                .build();
        // As command-line arguments: they outrank the service's application.yml, as a deployment's settings do.
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            return app.run(arguments);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(base);
        all.putAll(more);
        return all;
    }

    private String database(String name) {
        return settings.database() == null ? name : name + "_" + settings.database();
    }

    private static String metricsUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + port(context, "local.management.port") + "/actuator/prometheus";
    }

    private static String port(ConfigurableApplicationContext context, String property) {
        String port = context.getEnvironment().getProperty(property);
        if (port == null) {
            port = context.getEnvironment().getProperty("local.server.port");
        }
        return port;
    }

    /** A port nobody listens on now (the console takes it a few seconds later). */
    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port for the console", e);
        }
    }
}
