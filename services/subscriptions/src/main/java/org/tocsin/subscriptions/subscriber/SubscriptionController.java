package org.tocsin.subscriptions.subscriber;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tocsin.subscriptions.abuse.ClientAddress;

/**
 * Registration, and management with the subscription's token ({@code Authorization: Bearer}).
 */
@RestController
@RequestMapping("/api/v1/subscriptions")
@Tag(name = "subscriptions", description = "Register, manage, export and erase a subscription")
class SubscriptionController {

  static final String MANAGEMENT_TOKEN = "managementToken";

  private final SubscriberService service;

  SubscriptionController(SubscriberService service) {
    this.service = service;
  }

  @PostMapping
  @Operation(summary = "Register: a code is sent to every contact, to be verified")
  ResponseEntity<SubscriptionAccess> register(@Valid @RequestBody RegistrationRequest request,
                                              HttpServletRequest http) {
    SubscriptionAccess access = service.register(request, client(http));
    return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + access.subscriptionId()))
        .body(access);
  }

  @GetMapping("/{id}")
  @Operation(summary = "The subscription", security = @SecurityRequirement(name = MANAGEMENT_TOKEN))
  SubscriptionView view(@PathVariable UUID id,
                        @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION,
                            required = false) String authorization) {
    return service.view(id, BearerToken.of(authorization));
  }

  @PutMapping("/{id}")
  @Operation(summary = "Replace language, locations, zones, categories and accessibility needs",
      security = @SecurityRequirement(name = MANAGEMENT_TOKEN))
  SubscriptionView update(@PathVariable UUID id, @Valid @RequestBody PreferencesRequest request,
                          @Parameter(hidden = true) @RequestHeader(
                              name = HttpHeaders.AUTHORIZATION, required = false)
                          String authorization) {
    return service.update(id, BearerToken.of(authorization), request);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Erase everything: nothing will be sent to these contacts any more",
      security = @SecurityRequirement(name = MANAGEMENT_TOKEN))
  void erase(@PathVariable UUID id,
             @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION,
                 required = false) String authorization) {
    service.erase(id, BearerToken.of(authorization));
  }

  @GetMapping("/{id}/export")
  @Operation(summary = "Everything held about the subscriber, as JSON",
      security = @SecurityRequirement(name = MANAGEMENT_TOKEN))
  ResponseEntity<SubscriptionExport> export(@PathVariable UUID id,
                                            @Parameter(hidden = true) @RequestHeader(
                                                name = HttpHeaders.AUTHORIZATION,
                                                required = false) String authorization) {
    SubscriptionExport export = service.export(id, BearerToken.of(authorization));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("tocsin-subscription-" + id + ".json").build().toString())
        .body(export);
  }

  @PostMapping("/{id}/contacts")
  @Operation(summary = "Add a contact: a code is sent to it",
      security = @SecurityRequirement(name = MANAGEMENT_TOKEN))
  ResponseEntity<ContactView> addContact(@PathVariable UUID id,
                                         @Valid @RequestBody ContactRequest request,
                                         @Parameter(hidden = true) @RequestHeader(
                                             name = HttpHeaders.AUTHORIZATION, required = false)
                                         String authorization,
                                         HttpServletRequest http) {
    ContactView contact = service.addContact(id, BearerToken.of(authorization), request,
        client(http));
    return ResponseEntity.status(HttpStatus.CREATED).body(contact);
  }

  @DeleteMapping("/{id}/contacts/{contactId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove a contact", security = @SecurityRequirement(name = MANAGEMENT_TOKEN))
  void removeContact(@PathVariable UUID id, @PathVariable UUID contactId,
                     @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION,
                         required = false) String authorization) {
    service.removeContact(id, BearerToken.of(authorization), contactId);
  }

  @PostMapping("/{id}/contacts/{contactId}/code")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Send a new code to a contact not verified yet",
      security = @SecurityRequirement(name = MANAGEMENT_TOKEN))
  ContactView resendCode(@PathVariable UUID id, @PathVariable UUID contactId,
                         @Parameter(hidden = true) @RequestHeader(
                             name = HttpHeaders.AUTHORIZATION, required = false)
                         String authorization,
                         HttpServletRequest http) {
    return service.resendCode(id, BearerToken.of(authorization), contactId, client(http));
  }

  static ClientAddress client(HttpServletRequest http) {
    return ClientAddress.of(http.getRemoteAddr());
  }
}
