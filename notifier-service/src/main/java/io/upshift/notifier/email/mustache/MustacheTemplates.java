package io.upshift.notifier.email.mustache;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.upshift.notifier.config.NotifierProperties;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.HeaderText;
import io.upshift.notifier.email.domain.TemplateRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The email templates, rendered with JMustache. For each language there is a folder
 * {@code templates/email/<language>/} with {@code <template>.html.mustache},
 * {@code <template>.txt.mustache}, {@code subjects.properties} and {@code messages.properties};
 * English is the fallback for a language without a folder and for a key a folder lacks.
 * <p>
 * The HTML part is rendered with HTML escaping (JMustache escapes {@code & < > " ' ` =}), so an
 * org name like {@code <script>} shows as text; the plain-text part and the subject are not escaped
 * (there is no markup to break), and the subject loses its line breaks. Subjects can be replaced in
 * configuration ({@code upshift.notifier.subjects.<kind>}), one template for every language; a key that
 * is no kind of email stops the start-up.
 */
@Component
class MustacheTemplates implements TemplateRenderer {

    static final String ROOT = "templates/email/";
    static final Locale FALLBACK = Locale.ENGLISH;

    private final Map<String, String> subjectOverrides;
    private final Map<String, Optional<Locale>> resolved = new ConcurrentHashMap<>();
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();
    private final Map<String, Properties> bundles = new ConcurrentHashMap<>();

    MustacheTemplates(NotifierProperties properties) {
        this.subjectOverrides = subjectOverrides(properties.subjects());
    }

    /** The configured subjects; a key that names no kind of email (a typo) stops the start-up. */
    private static Map<String, String> subjectOverrides(Map<String, String> subjects) {
        Set<String> kinds = Arrays.stream(EmailKind.values()).map(EmailKind::key).collect(Collectors.toSet());
        for (String key : subjects.keySet()) {
            if (!kinds.contains(key)) {
                throw new IllegalArgumentException("upshift.notifier.subjects." + key + ": unknown email kind; one of "
                        + kinds.stream().sorted().toList());
            }
        }
        return Map.copyOf(subjects);
    }

    @Override
    public Locale resolve(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return FALLBACK;
        }
        return resolved.computeIfAbsent(languageTag.strip(), tag -> {
            Locale requested = Locale.forLanguageTag(tag.replace('_', '-'));
            List<String> candidates = new ArrayList<>();
            if (!requested.getLanguage().isEmpty() && !requested.getCountry().isEmpty()) {
                candidates.add(folder(requested.getLanguage() + "-" + requested.getCountry()));
            }
            if (!requested.getLanguage().isEmpty()) {
                candidates.add(folder(requested.getLanguage()));
            }
            return candidates.stream()
                    .filter(folder -> new ClassPathResource(ROOT + folder + "/subjects.properties").exists())
                    .findFirst()
                    .map(Locale::forLanguageTag);
        }).orElse(FALLBACK);
    }

    @Override
    public Optional<String> message(Locale locale, String key) {
        return Optional.ofNullable(bundle(locale, "messages").getProperty(key))
                .or(() -> Optional.ofNullable(bundle(FALLBACK, "messages").getProperty(key)));
    }

    @Override
    public Rendered render(EmailKind kind, Locale locale, Map<String, Object> model) {
        String subjectTemplate = Optional.ofNullable(subjectOverrides.get(kind.key()))
                .or(() -> Optional.ofNullable(bundle(locale, "subjects").getProperty(kind.key())))
                .or(() -> Optional.ofNullable(bundle(FALLBACK, "subjects").getProperty(kind.key())))
                .orElseThrow(() -> new IllegalStateException("no subject for " + kind.key()));
        Template subjectTemplateCompiled = compiled.computeIfAbsent(
                "subject:" + folder(locale.toLanguageTag()) + ":" + subjectTemplate,
                key -> textCompiler(locale).compile(subjectTemplate));
        String subject = HeaderText.sanitize(subjectTemplateCompiled.execute(model));
        String text = template(locale, kind.template(), "txt").execute(model);
        String html = template(locale, kind.template(), "html").execute(model);
        return new Rendered(subject, text, html);
    }

    private Template template(Locale locale, String name, String flavour) {
        String folder = folder(locale.toLanguageTag());
        return compiled.computeIfAbsent(folder + "/" + name + "." + flavour, key -> {
            Mustache.Compiler compiler = "html".equals(flavour) ? htmlCompiler(locale) : textCompiler(locale);
            try (Reader reader = open(locale, name + "." + flavour + ".mustache")) {
                return compiler.compile(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read template " + key, e);
            }
        });
    }

    private Mustache.Compiler htmlCompiler(Locale locale) {
        return base(locale).escapeHTML(true);
    }

    private Mustache.Compiler textCompiler(Locale locale) {
        return base(locale).escapeHTML(false);
    }

    /**
     * Null values render as nothing and make sections false; a key the model lacks altogether
     * still fails, so a typo in a template shows up in the tests rather than as a blank in an email.
     */
    private Mustache.Compiler base(Locale locale) {
        return Mustache.compiler()
                .nullValue("")
                .emptyStringIsFalse(true)
                .withLoader(name -> open(locale, name + ".mustache"));
    }

    /** The locale's file, or the English one when the locale has none. */
    private Reader open(Locale locale, String file) {
        ClassPathResource localized = new ClassPathResource(ROOT + folder(locale.toLanguageTag()) + "/" + file);
        ClassPathResource resource = localized.exists() ? localized
                : new ClassPathResource(ROOT + folder(FALLBACK.toLanguageTag()) + "/" + file);
        try {
            return new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("no template " + file + " for " + locale + " or English", e);
        }
    }

    private Properties bundle(Locale locale, String name) {
        String path = ROOT + folder(locale.toLanguageTag()) + "/" + name + ".properties";
        return bundles.computeIfAbsent(path, p -> {
            Properties properties = new Properties();
            ClassPathResource resource = new ClassPathResource(p);
            if (resource.exists()) {
                try (InputStream in = resource.getInputStream();
                        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + p, e);
                }
            }
            return properties;
        });
    }

    private static String folder(String languageTag) {
        return languageTag.toLowerCase(Locale.ROOT);
    }
}
