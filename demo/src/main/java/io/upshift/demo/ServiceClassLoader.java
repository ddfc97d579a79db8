package io.upshift.demo;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Lets three Spring Boot services share one JVM and one class path. Each service ships its own
 * {@code application.yml} and Flyway migrations under {@code db/migration}; on a shared class path
 * every service would read the first {@code application.yml} and every migration. This loader
 * answers those resource names only from the service's own jar (or classes directory) and
 * delegates everything else — classes included — to the application class loader, so the
 * services still share one copy of every library.
 */
final class ServiceClassLoader extends ClassLoader {

    private final String ownLocation;

    ServiceClassLoader(Class<?> applicationClass) {
        super(applicationClass.getClassLoader());
        this.ownLocation = applicationClass.getProtectionDomain().getCodeSource().getLocation().toString();
    }

    @Override
    public URL getResource(String name) {
        if (!isPerService(name)) {
            return super.getResource(name);
        }
        try {
            Enumeration<URL> own = getResources(name);
            return own.hasMoreElements() ? own.nextElement() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = getParent().getResources(name);
        if (!isPerService(name)) {
            return all;
        }
        List<URL> own = Collections.list(all).stream().filter(this::isOwn).toList();
        return Collections.enumeration(own);
    }

    private boolean isOwn(URL url) {
        String location = url.toString();
        // jar:file:/…/planner-service.jar!/application.yml, or file:/…/planner-service/target/classes/application.yml
        return location.startsWith(ownLocation) || location.startsWith("jar:" + ownLocation);
    }

    /** The resources each service has its own copy of. */
    static boolean isPerService(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        return path.startsWith("application") || path.startsWith("config/application")
                || path.startsWith("db/migration");
    }
}
