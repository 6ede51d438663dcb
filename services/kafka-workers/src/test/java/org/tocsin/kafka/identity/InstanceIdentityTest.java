package org.tocsin.kafka.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdentityTest {

  @TempDir
  Path state;

  @Test
  void aGeneratedIdIsKeptAndComesBackAfterARestart() {
    String first;
    try (InstanceIdentity generated = InstanceIdentity.keptIn(state)) {
      assertThat(generated.source()).isEqualTo(InstanceIdentity.Source.GENERATED);
      assertThat(generated.id()).matches("[a-zA-Z0-9._-]+-[0-9a-f]{8}");
      first = generated.id();
    }
    try (InstanceIdentity kept = InstanceIdentity.keptIn(state)) {
      assertThat(kept.source()).isEqualTo(InstanceIdentity.Source.KEPT);
      assertThat(kept.id()).isEqualTo(first);
    }
  }

  @Test
  void aSecondHolderInTheSameDirectoryGetsAnotherId() {
    try (InstanceIdentity one = InstanceIdentity.keptIn(state);
         InstanceIdentity two = InstanceIdentity.keptIn(state)) {
      assertThat(two.id()).isNotEqualTo(one.id());
      assertThat(two.file()).isNotEqualTo(one.file());
    }
  }

  @Test
  void anotherProcessHoldingASlotGetsItsOwnIdAndItsSuccessorGetsThatIdBackAfterAKill()
      throws Exception {
    Process other = holder();
    try {
      String othersId = firstLine(other);
      try (InstanceIdentity mine = InstanceIdentity.keptIn(state)) {
        assertThat(mine.id()).isNotEqualTo(othersId);

        other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        try (InstanceIdentity successor = InstanceIdentity.keptIn(state)) {
          assertThat(successor.id()).as("the killed process's lock is gone with it")
              .isEqualTo(othersId);
        }
      }
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void aDirectoryThatCannotBeWrittenGivesAnIdForThisRunOnly() throws Exception {
    Path notADirectory = java.nio.file.Files.createFile(state.resolve("a-file"));
    try (InstanceIdentity identity = InstanceIdentity.keptIn(notADirectory.resolve("state"))) {
      assertThat(identity.source()).isEqualTo(InstanceIdentity.Source.THIS_RUN_ONLY);
      assertThat(identity.id()).matches("[a-zA-Z0-9._-]+-[0-9a-f]{8}");
      assertThat(identity.file()).isNull();
    }
  }

  @Test
  void aConfiguredIdMustBeOneKafkaAccepts() {
    assertThat(InstanceIdentity.configured("sms-1.zone-a").id()).isEqualTo("sms-1.zone-a");
    assertThatThrownBy(() -> InstanceIdentity.configured("sms 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InstanceIdentity.configured(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Process holder() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        InstanceIdHolder.class.getName(), state.toString())).redirectErrorStream(true).start();
  }

  private static String firstLine(Process process) throws Exception {
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    String line = reader.readLine();
    assertThat(line).as("the other process's id").isNotNull();
    return line.trim();
  }
}
