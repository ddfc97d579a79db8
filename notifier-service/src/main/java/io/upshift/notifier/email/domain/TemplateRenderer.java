package io.upshift.notifier.email.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The templates: subject, plain text and HTML of an email, in the best locale there is. */
public interface TemplateRenderer {

    /** The locale templates exist for that is closest to the BCP 47 tag (English when none is). */
    Locale resolve(String languageTag);

    /** A localized text (e.g. the next steps for an error code) from the locale's message file. */
    Optional<String> message(Locale locale, String key);

    /**
     * Renders the kind's template. Values in the HTML part are HTML-escaped; the subject has its
     * line breaks removed.
     */
    Rendered render(EmailKind kind, Locale locale, Map<String, Object> model);

    /** The three renderings of one email. */
    record Rendered(String subject, String text, String html) {
    }
}
