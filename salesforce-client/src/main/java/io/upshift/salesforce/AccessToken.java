package io.upshift.salesforce;

import java.net.URI;

/** A session: the bearer token and the instance that issued it. Never printed. */
record AccessToken(String value, URI instanceUrl) {

    @Override
    public String toString() {
        return "AccessToken[value=(redacted), instanceUrl=" + instanceUrl + "]";
    }
}
