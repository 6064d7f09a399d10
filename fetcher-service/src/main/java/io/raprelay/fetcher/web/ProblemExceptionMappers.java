package io.raprelay.fetcher.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;
import io.raprelay.fetcher.site.DataCentreAlreadyActiveException;
import io.raprelay.fetcher.site.DataCentreSwitchNotPublishedException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Every client error of the fetcher's API as {@code application/problem+json} (RFC 9457), naming what was wrong;
 * never a 500 for bad input.
 */
public class ProblemExceptionMappers {

    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(400, "Invalid request", detail);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return problem(400, "Malformed JSON", e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return problem(400, "Invalid request", (field.isEmpty() ? "body" : field) + ": " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response conflict(DataCentreAlreadyActiveException e) {
        return problem(409, "Conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notPublished(DataCentreSwitchNotPublishedException e) {
        Response problem = problem(503, "Service Unavailable", e.getMessage());
        return Response.fromResponse(problem).header("Retry-After", "30").build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.error("Request failed", e);
        }
        return problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage());
    }

    static Response problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", URI.create("about:blank"));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    private static String lastNode(String path) {
        // "switchDataCentre.request.reason" -> "reason": the client knows its own field names, not our methods.
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
