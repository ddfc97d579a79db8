package io.upshift.security.it;

import io.upshift.security.access.domain.AccessRules;
import io.upshift.security.access.domain.Role;
import java.net.URI;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** A small service with an API of its own, secured by the module as a real service is. */
@SpringBootApplication
public class SecuredApp {

    @Bean
    AccessRules accessRules() {
        return AccessRules.builder()
                .allow("POST", "/api/v1/things", "create a thing", Role.OPERATOR)
                .allow("POST", "/api/v1/things/*/approve", "approve a thing", Role.APPROVER)
                .build();
    }

    @RestController
    static class Things {

        record Thing(String name) {
        }

        @GetMapping("/api/v1/things")
        Map<String, String> list(Principal principal) {
            return Map.of("caller", principal.getName());
        }

        @PostMapping("/api/v1/things")
        ResponseEntity<Map<String, String>> create(@RequestBody Thing thing, Principal principal) {
            UUID id = UUID.randomUUID();
            return ResponseEntity.created(URI.create("/api/v1/things/" + id))
                    .body(Map.of("id", id.toString(), "name", thing.name(), "createdBy", principal.getName()));
        }

        @PostMapping("/api/v1/things/{id}/approve")
        Map<String, String> approve(@PathVariable UUID id, Principal principal) {
            return Map.of("id", id.toString(), "approvedBy", principal.getName());
        }

        /** Not listed in the access rules: closed to everyone. */
        @PostMapping("/api/v1/unlisted")
        Map<String, String> unlisted() {
            return Map.of();
        }
    }

    @RestControllerAdvice
    static class Errors extends ResponseEntityExceptionHandler {
    }
}
