package dev.confab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.wire.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code confab admin …} and configuration precedence, as an operator uses them. */
class CliTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    private Run confab(Map<String, String> env, String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int status = ConfabCommand.run(args, env);
            return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Run createWorkspace(Map<String, String> env, String... extra) {
        String[] base = {"admin", "create-workspace", "--name", "Acme", "--owner-email", "ann@acme.test", "--password", "hunter2hunter2"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return confab(env, args);
    }

    @Test
    void adminCreatesAWorkspaceUserAndBotAndListsThem() throws Exception {
        String data = dir.resolve("data").toString();
        Run ws = createWorkspace(Map.of(), "--data-dir", data);
        assertThat(ws.status()).as(ws.err()).isZero();
        JsonNode j = ws.json();
        assertThat(j.path("team_id").asText()).startsWith("T");
        assertThat(j.path("user_id").asText()).startsWith("U");
        assertThat(j.path("token").asText()).startsWith("xoxp-");

        Run user = confab(Map.of(), "admin", "create-user", "--data-dir", data, "--team", "acme", "--email", "bob@acme.test",
                "--password", "hunter2hunter2", "--role", "admin");
        assertThat(user.status()).as(user.err()).isZero();
        assertThat(user.json().path("user_id").asText()).startsWith("U");

        Run bot = confab(Map.of(), "admin", "create-bot", "--data-dir", data, "--team", j.path("team_id").asText(), "--name", "deploy-bot");
        assertThat(bot.status()).as(bot.err()).isZero();
        assertThat(bot.json().path("token").asText()).startsWith("xoxb-");
        assertThat(bot.json().path("bot_id").asText()).startsWith("B");

        Run reset = confab(Map.of(), "admin", "reset-password", "--data-dir", data, "--team", "acme", "--email", "bob@acme.test",
                "--password", "another-password");
        assertThat(reset.status()).as(reset.err()).isZero();

        Run list = confab(Map.of(), "admin", "list-workspaces", "--data-dir", data);
        assertThat(list.json().path("workspaces").get(0).path("domain").asText()).isEqualTo("acme");
        assertThat(list.json().path("workspaces").get(0).path("users").asInt()).isEqualTo(3);
    }

    @Test
    void importUsersAddsEveryoneOrNobody() throws Exception {
        String data = dir.resolve("data").toString();
        createWorkspace(Map.of(), "--data-dir", data);
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"email\":\"a1@acme.test\",\"real_name\":\"Ada One\"}\n{\"email\":\"broken\"}\n");
        Run refused = confab(Map.of(), "admin", "import-users", "--data-dir", data, "--team", "acme", "--file", bad.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("confab: error: invalid_email");

        Path good = dir.resolve("people.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 300; i++) lines.append("{\"email\":\"p").append(i).append("@acme.test\",\"name\":\"p")
                .append(i).append("\",\"real_name\":\"Person ").append(i).append("\"}\n");
        Files.writeString(good, lines);
        Run ok = confab(Map.of(), "admin", "import-users", "--data-dir", data, "--team", "acme", "--file", good.toString());
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.json().path("imported").asInt()).isEqualTo(300);
        Run list = confab(Map.of(), "admin", "list-workspaces", "--data-dir", data);
        assertThat(list.json().path("workspaces").get(0).path("users").asInt()).isEqualTo(301);

        Run again = confab(Map.of(), "admin", "import-users", "--data-dir", data, "--team", "acme", "--file", good.toString());
        assertThat(again.err().strip()).isEqualTo("confab: error: email_taken");
    }

    @Test
    void errorsAreOneLineAndANonZeroStatus() {
        String data = dir.resolve("data").toString();
        Run bad = confab(Map.of(), "admin", "create-workspace", "--data-dir", data, "--name", "Acme", "--owner-email", "not-an-email",
                "--password", "hunter2hunter2");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err().strip()).isEqualTo("confab: error: invalid_email");
        assertThat(bad.out()).isEmpty();

        createWorkspace(Map.of(), "--data-dir", data);
        Run again = createWorkspace(Map.of(), "--data-dir", data);
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo("confab: error: domain_taken");

        Run noTeam = confab(Map.of(), "admin", "create-bot", "--data-dir", data, "--team", "nope", "--name", "b");
        assertThat(noTeam.status()).isEqualTo(1);
        assertThat(noTeam.err().strip()).isEqualTo("confab: error: no workspace 'nope'");
    }

    @Test
    void adminRefusesToWriteBesideARunningServerAndSaysWhy() throws Exception {
        Path data = dir.resolve("data");
        assertThat(createWorkspace(Map.of(), "--data-dir", data.toString()).status()).isZero();
        try (var server = dev.confab.server.Confab.start(dev.confab.config.ServerConfig.defaults(data).withPort(0))) {
            Run refused = confab(Map.of(), "admin", "create-user", "--data-dir", data.toString(), "--team", "acme",
                    "--email", "bob@acme.test", "--password", "hunter2hunter2");
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err().strip()).startsWith("confab: error: another Confab process")
                    .contains("is using the data directory " + data).doesNotContain("\n");
            assertThat(server.stores().users().findByEmail(server.stores().teams().findByDomain("acme").orElseThrow().id(),
                    "bob@acme.test")).isEmpty();
        }
        Run after = confab(Map.of(), "admin", "create-user", "--data-dir", data.toString(), "--team", "acme",
                "--email", "bob@acme.test", "--password", "hunter2hunter2");
        assertThat(after.status()).as(after.err()).isZero();
    }

    @Test
    void flagsOverrideEnvironmentWhichOverridesTheConfigFile() throws Exception {
        Path fromFile = dir.resolve("file"), fromEnv = dir.resolve("env"), fromFlag = dir.resolve("flag");
        Path config = dir.resolve("confab.properties");
        Files.writeString(config, "data-dir=" + fromFile + "\n");

        createWorkspace(Map.of(), "--config", config.toString());
        assertThat(fromFile.resolve("confab.db")).exists();

        createWorkspace(Map.of("CONFAB_DATA_DIR", fromEnv.toString(), "CONFAB_CONFIG", config.toString()));
        assertThat(fromEnv.resolve("confab.db")).exists();

        createWorkspace(Map.of("CONFAB_DATA_DIR", fromEnv.toString()), "--config", config.toString(), "--data-dir", fromFlag.toString());
        assertThat(fromFlag.resolve("confab.db")).exists();
    }

    @Test
    void serveHelpExplainsEachOption() {
        Run help = confab(Map.of(), "serve", "--help");
        assertThat(help.status()).isZero();
        for (String option : new String[] {"--port", "--data-dir", "--config", "--host", "--store-url", "--shards",
                "--max-body-bytes", "--rate-limit-factor", "--sqlite-sync"}) {
            assertThat(help.out()).contains(option);
        }
        assertThat(help.out()).contains("CONFAB_PORT");
    }

    @Test
    void theTrainingRunExercisesAThrowawayServerAndLeavesNothingBehind() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        java.util.function.Supplier<java.util.Set<Path>> leftovers = () -> {
            try (var s = Files.list(tmp)) {
                return s.filter(p -> p.getFileName().toString().startsWith("confab-training"))
                        .collect(java.util.stream.Collectors.toSet());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        var before = leftovers.get();
        Run run = confab(Map.of(), "training-run");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(leftovers.get()).isEqualTo(before);
        assertThat(confab(Map.of(), "--help").out()).contains("serve").doesNotContain("training-run");
    }
}
