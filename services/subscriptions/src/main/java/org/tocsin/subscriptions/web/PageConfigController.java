package org.tocsin.subscriptions.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the citizen page needs to know about this deployment. */
@RestController
@Tag(name = "page", description = "Settings of the citizen page")
class PageConfigController {

  private final PageProperties page;

  PageConfigController(PageProperties page) {
    this.page = page;
  }

  @GetMapping("/api/v1/page-config")
  @Operation(summary = "Map tiles, map position, and the Web Push key, if push is offered")
  PageConfig config() {
    return new PageConfig(page.tileUrl(), page.tileAttribution(), page.mapLatitude(),
        page.mapLongitude(), page.mapZoom(),
        page.vapidPublicKey() == null || page.vapidPublicKey().isBlank()
            ? null : page.vapidPublicKey(), 5);
  }

  record PageConfig(String tileUrl, String tileAttribution, double mapLatitude,
                    double mapLongitude, int mapZoom, String vapidPublicKey, int maxLocations) {
  }
}
