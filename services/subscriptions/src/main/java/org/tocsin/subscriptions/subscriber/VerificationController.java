package org.tocsin.subscriptions.subscriber;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Verification of contacts, and access to a subscription with a code sent to one of its verified
 * contacts (when the management link is lost).
 */
@RestController
@Tag(name = "verification", description = "Codes sent to contacts")
class VerificationController {

  private final SubscriberService service;

  VerificationController(SubscriberService service) {
    this.service = service;
  }

  @PostMapping("/api/v1/verifications")
  @Operation(summary = "Verify a contact with the code sent to it")
  Map<String, Object> verify(@Valid @RequestBody VerificationRequest request,
                             HttpServletRequest http) {
    service.verify(request.contactId(), request.code(), SubscriptionController.client(http));
    return Map.of("contactId", request.contactId(), "verified", true);
  }

  @PostMapping("/api/v1/management/codes")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Send a management code to a verified contact (same answer whether or "
      + "not it is registered)")
  Map<String, Object> requestManagementCode(@Valid @RequestBody ManagementCodeRequest request,
                                            HttpServletRequest http) {
    service.requestManagementCode(request.contact(), SubscriptionController.client(http));
    return Map.of("status", "If this contact belongs to a subscription, a code is on its way.");
  }

  @PostMapping("/api/v1/management/sessions")
  @Operation(summary = "Open a subscription with the management code: a new management token "
      + "replaces the old one")
  SubscriptionAccess openWithCode(@Valid @RequestBody ManagementCodeRequest request,
                                  HttpServletRequest http) {
    if (request.code() == null) {
      throw InvalidInputException.of("code", "must not be null");
    }
    return service.openWithCode(request.contact(), request.code(),
        SubscriptionController.client(http));
  }
}
