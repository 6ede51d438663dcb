package org.tocsin.alertpage.config;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tocsin.alertpage.pages.Prerenderer;

/** Brings the pages up to the clock: an alert shows as expired once it is. */
@Component
class StateClock {

  private final Prerenderer prerenderer;

  StateClock(Prerenderer prerenderer) {
    this.prerenderer = prerenderer;
  }

  @Scheduled(fixedDelayString = "${tocsin.alert-page.state-check-interval:1s}")
  void refresh() {
    prerenderer.refresh();
  }
}
