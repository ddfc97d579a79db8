package io.upshift.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The page speaks the org's language (from the planner's view), not the browser's: the controller puts
 * it on the request; a page without an org (a refused link) takes the browser's, when the page has it.
 */
@Configuration(proxyBeanMethods = false)
class PortalLocale {

    static final String ATTRIBUTE = PortalLocale.class.getName() + ".locale";

    @Bean
    LocaleResolver localeResolver() {
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                Object chosen = request.getAttribute(ATTRIBUTE);
                return chosen instanceof Locale locale ? locale
                        : PageText.localeOf(request.getLocale() == null ? null : request.getLocale().toLanguageTag());
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                throw new UnsupportedOperationException("the page's language is the org's");
            }
        };
    }
}
