package org.tocsin.alertintake.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.tocsin.alertintake.rejection.Rejection;
import org.tocsin.alertintake.rejection.Violation;
import org.tocsin.outbox.OversizedEventException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as an RFC 9457 problem detail; input errors carry {@code errors}, a list of
 * {@code field} and {@code reason}. Unexpected failures say nothing of their insides.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(Rejection.class)
  ResponseEntity<ProblemDetail> rejected(Rejection rejection) {
    HttpStatus status = switch (rejection.kind()) {
      case MALFORMED -> HttpStatus.BAD_REQUEST;
      case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
    };
    return problem(status, rejection.title(), rejection.detail(), rejection.violations());
  }

  @ExceptionHandler(OversizedEventException.class)
  ResponseEntity<ProblemDetail> oversized(OversizedEventException e) {
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Too large to publish", e.getMessage(),
        List.of());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("Request failed unexpectedly", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "The request failed; nothing was changed. The error is logged.", List.of());
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodySizeLimit.BodyTooLargeException tooLarge) {
        return untyped(problem(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large",
            tooLarge.getMessage(), List.of()));
      }
    }
    Throwable cause = e.getCause();
    List<Violation> violations = new ArrayList<>();
    String detail = "The request body cannot be read";
    if (cause instanceof StreamConstraintsException beyond) {
      detail = "The request body is beyond the limits: " + beyond.getOriginalMessage()
          .replaceAll(", from `[^`]*`", "");
    } else if (cause instanceof UnrecognizedPropertyException unknown) {
      violations.add(new Violation(path(unknown), "is not a known property"));
      detail = "The request body has an unknown property";
    } else if (cause instanceof InvalidFormatException invalid) {
      Class<?> target = invalid.getTargetType();
      violations.add(new Violation(path(invalid), reason(target, invalid.getValue())));
      detail = "The request body has a value of the wrong form";
    } else if (cause instanceof MismatchedInputException mismatched) {
      violations.add(new Violation(path(mismatched), "must be a "
          + simpleName(mismatched.getTargetType())));
      detail = "The request body has a value of the wrong type";
    } else if (cause instanceof StreamReadException malformed) {
      detail = "The request body is not well-formed JSON: " + malformed.getOriginalMessage();
    } else if (cause == null || e.getMessage() != null && e.getMessage().contains("missing")) {
      detail = "The request body is missing";
    }
    return untyped(problem(HttpStatus.BAD_REQUEST, "Malformed request", detail, violations));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    List<Violation> violations = new ArrayList<>();
    for (ParameterValidationResult result : e.getParameterValidationResults()) {
      String name = result.getMethodParameter().getParameterName();
      result.getResolvableErrors().forEach(error ->
          violations.add(new Violation(name, String.valueOf(error.getDefaultMessage()))));
    }
    return untyped(problem(HttpStatus.BAD_REQUEST, "Invalid request parameters",
        "Some request parameters are invalid", violations));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    List<Violation> violations = e.getFieldErrors().stream()
        .map(error -> new Violation(error.getField(), String.valueOf(error.getDefaultMessage())))
        .toList();
    return untyped(problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid input",
        "The request is invalid", violations));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e,
                                                      HttpHeaders headers,
                                                      HttpStatusCode status,
                                                      WebRequest request) {
    String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
        : e.getPropertyName();
    String reason = reason(e.getRequiredType(), e.getValue());
    return untyped(problem(HttpStatus.BAD_REQUEST, "Malformed request",
        "Parameter " + name + " " + reason, List.of(new Violation(name, reason))));
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title,
                                                       String detail,
                                                       List<Violation> violations) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    if (!violations.isEmpty()) {
      problem.setProperty("errors", violations.stream()
          .map(v -> Map.of("field", v.field(), "reason", v.reason())).toList());
    }
    return ResponseEntity.status(status).body(problem);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ResponseEntity<Object> untyped(ResponseEntity<ProblemDetail> response) {
    return (ResponseEntity) response;
  }

  /** The JSON path of the value at fault, e.g. {@code infos[1].language}. */
  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(body)" : path.toString();
  }

  /** Why a value of the wrong form is refused, quoting at most the start of it. */
  private static String reason(Class<?> target, Object value) {
    String quoted = "'" + shorten(String.valueOf(value)) + "'";
    if (target != null && target.isEnum()) {
      return "has unknown value " + quoted + "; expected one of "
          + Arrays.toString(target.getEnumConstants());
    }
    if (Instant.class.equals(target)) {
      return BoundedInstants.EXPECTED + ", not " + quoted;
    }
    return "must be a " + simpleName(target) + ", not " + quoted;
  }

  private static String shorten(String value) {
    return value.length() <= 60 ? value : value.substring(0, 60) + "…";
  }

  private static String simpleName(Class<?> type) {
    return type == null ? "value" : type.getSimpleName();
  }
}
