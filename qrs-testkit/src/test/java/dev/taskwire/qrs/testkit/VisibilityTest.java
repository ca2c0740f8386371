package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisibilityTest {

  private static final String RESTRICTED = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String PUBLIC = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";
  private static final String USER_A = "UserDirectory=INTERNAL; UserId=A";
  private static final String USER_B = "UserDirectory=internal; UserId=b";

  @TempDir Path dir;
  private QrsEmulator emulator;
  private QrsCaller caller;

  @BeforeEach
  void startEmulator() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(EmulatedTask.reload(RESTRICTED, "Restricted").visibleTo("INTERNAL\\B"))
            .task(EmulatedTask.reload(PUBLIC, "Public"))
            .start();
    caller = QrsCaller.direct(emulator);
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  @Test
  void hidesTaskFromUserWhoMayNotSeeIt() {
    HttpResponse<String> start = caller.as(USER_A).post("/qrs/task/" + RESTRICTED + "/start");
    HttpResponse<String> read = caller.as(USER_A).get("/qrs/reloadtask/" + RESTRICTED);
    HttpResponse<String> list = caller.as(USER_A).get("/qrs/task/full");
    HttpResponse<String> byName = caller.as(USER_A).post("/qrs/task/start?name=Restricted");

    assertThat(start.statusCode()).isEqualTo(404);
    assertThat(read.statusCode()).isEqualTo(404);
    assertThat(list.body()).doesNotContain(RESTRICTED).contains(PUBLIC);
    assertThat(byName.statusCode()).isEqualTo(404);
  }

  @Test
  void startsTaskForUserWhoMaySeeItWhateverTheCase() {
    HttpResponse<String> start = caller.as(USER_B).post("/qrs/task/" + RESTRICTED + "/start");

    assertThat(start.statusCode()).isEqualTo(204);
    assertThat(emulator.requests().get(0).user()).isEqualTo("internal\\b");
  }

  @Test
  void hidesRestrictedTaskFromCallWithoutUser() {
    HttpResponse<String> start = caller.as(null).post("/qrs/task/" + RESTRICTED + "/start");
    HttpResponse<String> other = caller.as(null).post("/qrs/task/" + PUBLIC + "/start");

    assertThat(start.statusCode()).isEqualTo(404);
    assertThat(other.statusCode()).isEqualTo(204);
  }
}
