package org.tocsin.alertintake.alert;

import java.time.Instant;
import org.springframework.stereotype.Component;
import org.tocsin.alertintake.area.AreaResolver;
import org.tocsin.alertintake.area.ResolvedArea;
import org.tocsin.alertintake.rejection.Violations;

/** Checks content as an operator gave it, and resolves its area against the zone catalogue. */
@Component
class AlertChecks {

  private final AlertContentRules rules;
  private final AreaResolver areas;

  AlertChecks(AlertProperties properties, AreaResolver areas) {
    this.rules = new AlertContentRules(properties, new Marking(properties.marking(),
        properties.allLanguages()));
    this.areas = areas;
  }

  /** The content in the form it is kept and sent in; every defect is a violation. */
  AlertContent checked(AlertContent content, Instant now) {
    Violations violations = new Violations();
    AlertContent normalised = rules.normalise(content, now, violations);
    areas.check(normalised.area(), "area", violations);
    violations.throwIfAny("The alert is invalid");
    return normalised;
  }

  /** Content the service built (prepared texts), checked as an operator's would be. */
  AlertContent normalised(AlertContent content, Instant now, String what) {
    Violations violations = new Violations();
    AlertContent normalised = rules.normalise(content, now, violations);
    violations.throwIfAny(what);
    return normalised;
  }

  /** The area as it would be sent now, its named zones locked against deletion. */
  ResolvedArea resolve(AlertContent content) {
    Violations violations = new Violations();
    ResolvedArea area = areas.resolve(content.area(), "area", violations);
    violations.throwIfAny("The alert's area is invalid");
    return area;
  }
}
