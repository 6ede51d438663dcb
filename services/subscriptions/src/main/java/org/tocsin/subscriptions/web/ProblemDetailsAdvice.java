package org.tocsin.subscriptions.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.tocsin.outbox.OversizedEventException;
import org.tocsin.subscriptions.abuse.RateLimitedException;
import org.tocsin.subscriptions.subscriber.AccessDeniedException;
import org.tocsin.subscriptions.subscriber.ChangeRefusedException;
import org.tocsin.subscriptions.subscriber.CodeRejectedException;
import org.tocsin.subscriptions.subscriber.InvalidInputException;
import org.tocsin.subscriptions.subscriber.InvalidInputException.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every error as an RFC 9457 problem detail. Validation problems list each field at fault with
 * the reason in {@code errors}; no problem ever echoes a contact back.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  static URI type(String slug) {
    return URI.create("urn:tocsin:problem:" + slug);
  }

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalidInput(InvalidInputException e) {
    return invalid(e.violations());
  }

  @ExceptionHandler(ChangeRefusedException.class)
  ProblemDetail changeRefused(ChangeRefusedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setType(type("change-refused"));
    problem.setTitle("Change refused");
    return problem;
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
        "This needs the management token of the subscription, from its management link or a "
            + "management code.");
    problem.setType(type("management-token-needed"));
    problem.setTitle("Management token needed");
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").body(problem);
  }

  @ExceptionHandler(CodeRejectedException.class)
  ProblemDetail codeRejected(CodeRejectedException e) {
    String slug;
    String detail;
    switch (e.outcome()) {
      case EXPIRED -> {
        slug = "code-expired";
        detail = "This code has expired: ask for a new one.";
      }
      case USED -> {
        slug = "code-used";
        detail = "This code was already used.";
      }
      case LOCKED -> {
        slug = "code-locked";
        detail = "Too many wrong codes: this code no longer works, ask for a new one.";
      }
      default -> {
        slug = "code-wrong";
        detail = "This is not the code that was sent.";
      }
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(type(slug));
    problem.setTitle("Code not accepted");
    if (e.attemptsLeft() != null && slug.equals("code-wrong")) {
      problem.setProperty("attemptsLeft", e.attemptsLeft());
    }
    return problem;
  }

  @ExceptionHandler(RateLimitedException.class)
  ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
    long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
        "Too many requests of this kind: try again later.");
    problem.setType(type("rate-limited"));
    problem.setTitle("Too many requests");
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(problem);
  }

  @ExceptionHandler(OversizedEventException.class)
  ProblemDetail oversized(OversizedEventException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
        "This subscription would be too large to publish.");
    problem.setType(type("too-large"));
    return problem;
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e, WebRequest request) {
    log.error("Unexpected error answering {}", describe(request), e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; nothing was changed.");
    problem.setType(type("internal-error"));
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    List<Violation> violations = new ArrayList<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      violations.add(new Violation(error.getField(), error.getDefaultMessage()));
    }
    e.getBindingResult().getGlobalErrors().forEach(error ->
        violations.add(new Violation(error.getObjectName(), error.getDefaultMessage())));
    return ResponseEntity.badRequest().body(invalid(violations));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    List<Violation> violations = new ArrayList<>();
    e.getParameterValidationResults().forEach(result -> {
      String name = result.getMethodParameter().getParameterName();
      result.getResolvableErrors().forEach(error ->
          violations.add(new Violation(name, error.getDefaultMessage())));
    });
    return ResponseEntity.badRequest().body(invalid(violations));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    String field = fieldOf(e);
    ProblemDetail problem = invalid(List.of(new Violation(field == null ? "body" : field,
        field == null ? "is not well-formed JSON" : "has the wrong type or an unknown value")));
    problem.setDetail("The request body cannot be read.");
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers,
                                                        HttpStatusCode status,
                                                        WebRequest request) {
    if (body instanceof ProblemDetail problem && problem.getType() != null
        && "about:blank".equals(problem.getType().toString())) {
      problem.setType(type("http-" + status.value()));
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  private static ProblemDetail invalid(List<Violation> violations) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "Some fields are not valid; nothing was changed.");
    problem.setType(type("invalid-request"));
    problem.setTitle("Invalid request");
    problem.setProperty("errors", violations.stream()
        .map(violation -> Map.of("field", violation.field(), "reason", violation.reason()))
        .toList());
    return problem;
  }

  /** The JSON path of the value Jackson could not read, e.g. {@code contacts[0].channel}. */
  private static String fieldOf(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    while (cause != null && !(cause instanceof DatabindException)) {
      cause = cause.getCause();
    }
    // Only a mapping error names a field; a syntax error is the body's as a whole.
    if (!(cause instanceof DatabindException jackson) || jackson.getPath().isEmpty()) {
      return null;
    }
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : jackson.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? null : path.toString();
  }

  private static String describe(WebRequest request) {
    return request instanceof ServletWebRequest servlet
        ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
        : request.getDescription(false);
  }
}
