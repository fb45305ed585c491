package io.github.lambdazip.pip;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Puts credentials into an index URL the way pip reads them: {@code https://user:password@host/path}. */
final class IndexUrls {

    private IndexUrls() {}

    static String withCredentials(String indexUrl, IndexCredentials credentials) {
        try {
            URI uri = new URI(indexUrl);
            String userInfo = encode(credentials.username()) + ":" + encode(credentials.password());
            String rest = indexUrl.substring(indexUrl.indexOf("://") + 3);
            if (uri.getRawUserInfo() != null) {
                rest = rest.substring(rest.indexOf('@') + 1);
            }
            return uri.getScheme() + "://" + userInfo + "@" + rest;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + indexUrl, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
