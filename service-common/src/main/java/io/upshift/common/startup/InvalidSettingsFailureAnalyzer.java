package io.upshift.common.startup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A setting that is missing or wrong stops the service at start-up with one line per problem that
 * names the setting both ways people set it — the property and its environment variable (relaxed
 * binding: upper case, dots to underscores, dashes dropped, so {@code login.client-secret} is
 * {@code …_LOGIN_CLIENTSECRET}) — and what is wrong with it. Values are never printed: settings
 * hold secrets.
 */
public class InvalidSettingsFailureAnalyzer implements FailureAnalyzer, Ordered {

    @Override
    public int getOrder() {
        // before Spring Boot's own binding analyzers, which name the property but not the variable
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        BindValidationException invalid = Causes.find(failure, BindValidationException.class);
        BindException unbindable = Causes.find(failure, BindException.class);
        if (invalid != null) {
            ConfigurationPropertyName prefix = invalid.getValidationErrors().getName();
            List<String> problems = new ArrayList<>();
            for (ObjectError error : invalid.getValidationErrors().getAllErrors()) {
                problems.add(describe(prefix.toString(), error));
            }
            return new FailureAnalysis("Invalid settings under '" + prefix + "':\n  " + String.join("\n  ", problems),
                    "Set each named property (or its environment variable) to a valid value and start again.", invalid);
        }
        if (unbindable != null && unbindable.getProperty() != null) {
            String property = unbindable.getName().toString();
            Throwable cause = unbindable.getCause() == null ? unbindable : rootCause(unbindable.getCause());
            return new FailureAnalysis("The setting " + both(property) + " cannot be read: " + cause.getMessage(),
                    "Fix the value of " + both(property) + " and start again.", unbindable);
        }
        return null;
    }

    static String describe(String prefix, ObjectError error) {
        if (error instanceof FieldError field) {
            String path = field.getField();
            if (isRule(field)) {
                // a rule over several settings (an @AssertTrue method): named after the group it checks
                int dot = path.lastIndexOf('.');
                return both(dot < 0 ? prefix : prefix + "." + kebab(path.substring(0, dot))) + ": "
                        + error.getDefaultMessage();
            }
            return both(prefix + "." + kebab(path)) + ": " + error.getDefaultMessage();
        }
        return both(prefix) + ": " + error.getDefaultMessage();
    }

    /** "upshift.x.login.client-id (UPSHIFT_X_LOGIN_CLIENTID)". */
    static String both(String property) {
        return "'" + property + "' (" + environmentVariable(property) + ")";
    }

    static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').replace("[", "_").replace("]", "")
                .toUpperCase(Locale.ROOT);
    }

    /** A rule over several settings: an {@code @AssertTrue} method, reported as a field named after it. */
    private static boolean isRule(FieldError field) {
        return field.getCodes() != null && Arrays.stream(field.getCodes()).anyMatch(code -> code.startsWith("AssertTrue"));
    }

    private static String kebab(String field) {
        StringBuilder out = new StringBuilder();
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
