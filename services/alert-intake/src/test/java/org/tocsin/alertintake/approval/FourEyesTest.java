package org.tocsin.alertintake.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tocsin.alertintake.operator.Operator;
import org.tocsin.alertintake.operator.Person;
import org.tocsin.alertintake.operator.Role;

class FourEyesTest {

  private static final String ISSUER = "https://issuer.test";
  private static final Person DRAFTER = new Person(ISSUER, "s-olivia", "olivia");
  private static final Person REQUESTER = new Person(ISSUER, "s-pieter", "pieter");

  @Test
  void aThirdPersonWithTheApproverRoleMayRelease() {
    assertThat(FourEyes.release(DRAFTER, REQUESTER, operator("s-arthur", "arthur",
        Role.APPROVER))).isInstanceOf(FourEyes.Verdict.Allowed.class);
  }

  @Test
  void neitherTheDrafterNorTheRequesterMayReleaseWhateverTheirRoles() {
    for (Person own : new Person[] {DRAFTER, REQUESTER}) {
      FourEyes.Verdict verdict = FourEyes.release(DRAFTER, REQUESTER, new Operator(own,
          Set.of(Role.APPROVER, Role.ADMIN, Role.OPERATOR, Role.AUDITOR), "127.0.0.1", null));
      assertThat(verdict).isInstanceOf(FourEyes.Verdict.Refused.class);
      assertThat(((FourEyes.Verdict.Refused) verdict).reason()).startsWith("Four eyes");
    }
  }

  @Test
  void whoDraftedAndAskedForItAloneIsRefusedToo() {
    assertThat(FourEyes.release(DRAFTER, DRAFTER, new Operator(DRAFTER, Set.of(Role.APPROVER),
        "127.0.0.1", null))).isInstanceOf(FourEyes.Verdict.Refused.class);
  }

  @Test
  void aThirdPersonWithoutTheApproverRoleIsRefusedEvenAsAdmin() {
    FourEyes.Verdict verdict = FourEyes.release(DRAFTER, REQUESTER, operator("s-adam", "adam",
        Role.ADMIN, Role.OPERATOR, Role.AUDITOR));
    assertThat(verdict).isEqualTo(new FourEyes.Verdict.Refused(
        "adam does not have the APPROVER role"));
  }

  @Test
  void personsAreComparedBySubjectNotByName() {
    assertThat(FourEyes.release(DRAFTER, REQUESTER, operator("s-olivia", "olivia.renamed",
        Role.APPROVER))).as("the drafter under a new name").isInstanceOf(
        FourEyes.Verdict.Refused.class);
    assertThat(FourEyes.release(DRAFTER, REQUESTER, operator("s-other-olivia", "olivia",
        Role.APPROVER))).as("another person who is also called olivia").isInstanceOf(
        FourEyes.Verdict.Allowed.class);
    assertThat(FourEyes.release(DRAFTER, REQUESTER, new Operator(new Person(
        "https://elsewhere.test", "s-olivia", "olivia"), Set.of(Role.APPROVER), "127.0.0.1",
        null))).as("the same subject at another issuer is another person")
        .isInstanceOf(FourEyes.Verdict.Allowed.class);
  }

  @Test
  void aRecordWithoutIdentityIsTakenToBeAnyoneOfThatName() {
    Person legacy = new Person(null, null, "olivia");
    assertThat(FourEyes.release(legacy, REQUESTER, operator("s-any", "olivia", Role.APPROVER)))
        .isInstanceOf(FourEyes.Verdict.Refused.class);
    assertThat(FourEyes.release(legacy, REQUESTER, operator("s-arthur", "arthur",
        Role.APPROVER))).isInstanceOf(FourEyes.Verdict.Allowed.class);
  }

  private static Operator operator(String subject, String name, Role... roles) {
    return new Operator(new Person(ISSUER, subject, name), Set.of(roles), "127.0.0.1", null);
  }
}
