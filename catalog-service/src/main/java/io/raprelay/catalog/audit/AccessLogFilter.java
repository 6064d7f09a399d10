package io.raprelay.catalog.audit;

import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;

/**
 * Records every call of the catalog's {@code /api} that reads or exports data, whatever its outcome (served, refused,
 * invalid): subject, roles, client address, time, action, parameters, result count and status.
 */
public class AccessLogFilter {

    private static final Logger LOG = Logger.getLogger(AccessLogFilter.class);

    @Inject
    AccessLog accessLog;
    @Inject
    SecurityIdentity identity;
    @Inject
    AuditedResult result;

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!"GET".equals(request.getMethod()) || !path.startsWith("/api/")) {
            return;
        }
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        AccessLog.Call call = new AccessLog.Call(
                identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName(),
                String.join(",", new TreeSet<>(identity.getRoles())),
                http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress(),
                "GET " + path,
                query == null ? "" : query,
                result.count(),
                response.getStatus());
        if (BlockingOperationControl.isBlockingAllowed()) {
            append(call);
        } else {
            Infrastructure.getDefaultWorkerPool().execute(() -> append(call));
        }
    }

    private void append(AccessLog.Call call) {
        try {
            accessLog.append(call);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record %s by %s in the access log", call.action(), call.subject());
        }
    }
}
