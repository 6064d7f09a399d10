package io.raprelay.catalog.audit;

import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.raprelay.catalog.CatalogConfig;
import io.raprelay.catalog.api.ProblemMappers;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Records every request on the catalog's {@code /api}, whatever its method and outcome (served, refused, invalid):
 * subject, roles, client address, time, action, parameters, result count and status.
 * <p>
 * No log, no data: a request that reaches an endpoint is recorded before its body is sent, and if the record cannot be
 * written the answer is 503 with nothing of the data. A request refused before any endpoint (no token, a bad token,
 * an unknown path) is recorded once its refusal is sent: it served nothing.
 */
@ApplicationScoped
public class AccessLogFilter {

    private static final Logger LOG = Logger.getLogger(AccessLogFilter.class);
    private static final String RECORDED = AccessLogFilter.class.getName() + ".recorded";
    /** Before Quarkus' authentication, so that requests it refuses are seen too. */
    private static final int BEFORE_AUTHENTICATION = 1000;

    @Inject
    AccessLog accessLog;
    @Inject
    SecurityIdentity identity;
    @Inject
    AuditedResult result;
    @Inject
    CurrentVertxRequest current;
    @Inject
    CatalogConfig config;

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response,
            HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Uni.createFrom().voidItem();
        }
        RoutingContext routing = current.getCurrent();
        if (routing != null) {
            routing.put(RECORDED, Boolean.TRUE);
        }
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        AccessLog.Call call = new AccessLog.Call(
                identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName(),
                String.join(",", new TreeSet<>(identity.getRoles())),
                address(http),
                request.getMethod() + " " + path,
                query == null ? "" : query,
                result.count(),
                response.getStatus());
        return Uni.createFrom().item(() -> {
            accessLog.append(call);
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).onFailure().recoverWithItem(e -> {
            if (!config.accessLog().required()) {
                LOG.errorf(e, "Could not record %s by %s in the access log; served all the same "
                        + "(catalog.access-log.required=false)", call.action(), call.subject());
                return null;
            }
            LOG.errorf(e, "Could not record %s by %s in the access log: answered 503, nothing served", call.action(),
                    call.subject());
            response.getHeaders().clear();
            response.setStatus(503);
            response.setEntity(ProblemMappers.body(503, "Access log unavailable",
                    "The request could not be recorded in the access log, so nothing is served; try again later"),
                    null, MediaType.valueOf("application/problem+json"));
            return null;
        });
    }

    /** Requests refused before they reach an endpoint: recorded once the refusal is sent. */
    void refusals(@Observes Filters filters) {
        filters.register(routing -> {
            if (routing.normalizedPath().startsWith("/api/")) {
                routing.addEndHandler(ended -> {
                    if (routing.get(RECORDED) == null) {
                        String query = routing.request().query();
                        AccessLog.Call call = new AccessLog.Call("anonymous", "", address(routing.request()),
                                routing.request().method().name() + " " + routing.normalizedPath(),
                                query == null ? "" : query, null, routing.response().getStatusCode());
                        Infrastructure.getDefaultWorkerPool().execute(() -> append(call));
                    }
                });
            }
            routing.next();
        }, BEFORE_AUTHENTICATION);
    }

    private void append(AccessLog.Call call) {
        try {
            accessLog.append(call);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the refused %s in the access log", call.action());
        }
    }

    private static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
