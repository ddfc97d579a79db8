package io.upshift.console.signin;

import io.upshift.console.api.Credential;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A person signed in with an API key: the principal the planner knows the key by, the roles it has
 * there, and the key itself (kept in the server-side session only, sent on every API call).
 */
public final class ConsoleUser extends AbstractAuthenticationToken {

    private final String name;
    private final transient Credential credential;

    public ConsoleUser(String name, Collection<String> roles, Credential credential) {
        super(authorities(roles));
        this.name = name;
        this.credential = credential;
        setAuthenticated(true);
    }

    static List<GrantedAuthority> authorities(Collection<String> roles) {
        return roles.stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r)).toList();
    }

    public Credential credential() {
        return credential;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return name;
    }

    @Override
    public String getName() {
        return name;
    }
}
