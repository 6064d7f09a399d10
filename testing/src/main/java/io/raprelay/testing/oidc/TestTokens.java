package io.raprelay.testing.oidc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens for tests against the WireMock OIDC server of {@code quarkus-test-oidc-server}: shaped as the
 * {@code rap-relay} realm issues them (roles in {@code realm_access.roles}, the three services in the audience) and
 * signed with that server's key, and the bad ones each service must refuse.
 */
public final class TestTokens {

    /** The WireMock server's issuer, as its discovery document names it. */
    public static final String ISSUER = "https://server.example.com";
    /** The audiences the realm's clients put in tokens for the services. */
    public static final List<String> AUDIENCE = List.of("rap-relay-fetcher", "rap-relay-catalog",
            "rap-relay-notifier");

    private TestTokens() {
    }

    /** A valid token for this subject with these realm roles. */
    public static String of(String subject, String... roles) {
        return sign(claims(subject, Set.of(roles)));
    }

    /** A token that each service must refuse, and why. */
    public record BadToken(String name, String token, int status) {

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Tokens an attacker or a misconfiguration would present, all claiming {@code admin}: each is refused with 401,
     * except a valid token whose only claim to the role is a {@code groups} claim, which gets in as nobody (403).
     */
    public static List<BadToken> refused() {
        Instant now = Instant.now();
        return List.of(
                new BadToken("wrong audience", sign(claims("mallory", Set.of("admin")).audience("another-app")), 401),
                new BadToken("wrong issuer",
                        sign(claims("mallory", Set.of("admin")).issuer("https://evil.example.com")), 401),
                new BadToken("alg none", unsigned(sign(claims("mallory", Set.of("admin")))), 401),
                new BadToken("HS256 signed with the public key", hs256WithPublicKey(claims("mallory",
                        Set.of("admin"))), 401),
                new BadToken("expired", sign(claims("mallory", Set.of("admin"))
                        .issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600))), 401),
                new BadToken("not yet valid", sign(claims("mallory", Set.of("admin"))
                        .issuedAt(now).claim("nbf", now.plusSeconds(3600).getEpochSecond())
                        .expiresAt(now.plusSeconds(7200))), 401),
                new BadToken("groups [admin] only", sign(Jwt.preferredUserName("mallory").subject("mallory")
                        .issuer(ISSUER).audience(Set.copyOf(AUDIENCE)).groups(Set.of("admin"))
                        .expiresAt(now.plusSeconds(3600))), 403));
    }

    private static JwtClaimsBuilder claims(String subject, Set<String> roles) {
        return Jwt.preferredUserName(subject).subject(subject).issuer(ISSUER).audience(Set.copyOf(AUDIENCE))
                .claim("realm_access", Map.of("roles", List.copyOf(roles)))
                .expiresAt(Instant.now().plusSeconds(3600));
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }

    /** The same claims with {@code "alg": "none"} and no signature. */
    private static String unsigned(String signed) {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + signed.split("\\.")[1] + ".";
    }

    /** The key confusion attack: HMAC with the server's published public key as the secret. */
    private static String hs256WithPublicKey(JwtClaimsBuilder claims) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream("publicKey.jwk")) {
            if (in == null) {
                throw new IllegalStateException("publicKey.jwk of quarkus-test-oidc-server is not on the classpath");
            }
            byte[] publicKey = in.readAllBytes();
            return claims.jws().algorithm(SignatureAlgorithm.HS256).keyId("1")
                    .sign(new SecretKeySpec(publicKey, "HmacSHA256"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
