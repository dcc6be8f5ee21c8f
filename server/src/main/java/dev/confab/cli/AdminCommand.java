package dev.confab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confab.account.Accounts;
import dev.confab.model.Role;
import dev.confab.model.Team;
import dev.confab.model.User;
import dev.confab.server.Confab;
import dev.confab.wire.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code confab admin …}: operator commands that work on the configured store directly, with no
 * server running on the same data directory: a server keeps its workspaces' state in memory and
 * would not see rows written beside it, so the command is refused while one runs (see
 * {@link dev.confab.server.DataDirLock}). Each prints JSON on success; on failure one line on
 * stderr and exit status 1.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Operator commands on the configured store.",
        subcommands = {AdminCommand.CreateWorkspace.class, AdminCommand.CreateUser.class, AdminCommand.CreateBot.class,
                AdminCommand.ResetPassword.class, AdminCommand.ListWorkspaces.class,
                AdminCommand.ImportUsers.class, AdminCommand.Reindex.class})
final class AdminCommand {

    abstract static class Base implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (Confab c = Confab.offline(store.toConfig())) {
                System.out.println(run(c.accounts(), c).toPrettyString());
            }
            return 0;
        }

        abstract ObjectNode run(Accounts accounts, Confab confab);
    }

    @Command(name = "create-workspace", mixinStandardHelpOptions = true,
            description = "Create a workspace and its owner; prints team_id, user_id and the owner's token.")
    static final class CreateWorkspace extends Base {
        @Option(names = "--name", required = true, description = "Workspace name, e.g. 'Acme'.") String name;
        @Option(names = "--domain", description = "Short unique name (a-z, 0-9, -); default: from --name.") String domain;
        @Option(names = "--owner-email", required = true, description = "The owner's email (their sign-in).") String email;
        @Option(names = "--owner-name", description = "The owner's handle; default: from the email.") String ownerName;
        @Option(names = "--password", required = true, description = "The owner's password (at least 8 characters).") String password;

        @Override
        ObjectNode run(Accounts accounts, Confab confab) {
            Accounts.Session s = accounts.createWorkspace(name, domain, email, ownerName, password);
            return Json.object().put("team_id", s.team().id()).put("domain", s.team().domain())
                    .put("user_id", s.user().id()).put("token", s.token());
        }
    }

    @Command(name = "create-user", mixinStandardHelpOptions = true, description = "Add a person to a workspace (and its #general).")
    static final class CreateUser extends Base {
        @Option(names = "--team", required = true, description = "Workspace id (T…) or domain.") String team;
        @Option(names = "--email", required = true) String email;
        @Option(names = "--name", description = "Handle; default: from the email.") String name;
        @Option(names = "--password", required = true) String password;
        @Option(names = "--role", defaultValue = "member", description = "owner, admin or member. Default: ${DEFAULT-VALUE}.") String role;

        @Override
        ObjectNode run(Accounts accounts, Confab confab) {
            Role r = Role.fromWire(role);
            if (r == null || r == Role.BOT) throw new IllegalArgumentException("--role must be owner, admin or member");
            User u = accounts.createMember(teamId(confab, team), email, name, password, r);
            return Json.object().put("user_id", u.id()).put("name", u.name()).put("team_id", u.teamId());
        }
    }

    @Command(name = "import-users", mixinStandardHelpOptions = true,
            description = "Add many people at once from a JSON Lines file, one {\"email\",\"name\",\"real_name\"} "
                    + "object per line (name and real_name optional). All or nothing; they join #general and "
                    + "sign in after reset-password or an invite.")
    static final class ImportUsers extends Base {
        @Option(names = "--team", required = true, description = "Workspace id (T…) or domain.") String team;
        @Option(names = "--file", required = true, description = "The JSON Lines file.") java.nio.file.Path file;

        @Override
        ObjectNode run(Accounts accounts, Confab confab) {
            java.util.List<Accounts.Person> people = new java.util.ArrayList<>();
            int line = 0;
            try (var lines = java.nio.file.Files.lines(file)) {
                for (String l : (Iterable<String>) lines::iterator) {
                    line++;
                    if (l.isBlank()) continue;
                    var o = Json.MAPPER.readTree(l);
                    if (!o.isObject()) throw new IllegalArgumentException("line " + line + ": not a JSON object");
                    people.add(new Accounts.Person(o.path("email").asText(null), o.path("name").asText(null),
                            o.path("real_name").asText(null)));
                }
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException((line == 0 ? "" : "line " + line + ": ") + e.getMessage());
            }
            var users = accounts.importMembers(teamId(confab, team), people);
            return Json.object().put("team_id", teamId(confab, team)).put("imported", users.size());
        }
    }

    @Command(name = "create-bot", mixinStandardHelpOptions = true, description = "Create a bot user; prints its xoxb- token.")
    static final class CreateBot extends Base {
        @Option(names = "--team", required = true, description = "Workspace id (T…) or domain.") String team;
        @Option(names = "--name", required = true, description = "The bot's name.") String name;

        @Override
        ObjectNode run(Accounts accounts, Confab confab) {
            Accounts.Session s = accounts.createBot(teamId(confab, team), name);
            return Json.object().put("user_id", s.user().id()).put("bot_id", s.user().botId()).put("token", s.token());
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Set a user's password and sign them out everywhere.")
    static final class ResetPassword extends Base {
        @Option(names = "--team", required = true, description = "Workspace id (T…) or domain.") String team;
        @Option(names = "--email", required = true) String email;
        @Option(names = "--password", required = true) String password;

        @Override
        ObjectNode run(Accounts accounts, Confab confab) {
            String teamId = teamId(confab, team);
            User u = confab.stores().users().findByEmail(teamId, email)
                    .orElseThrow(() -> new IllegalArgumentException("no user with email " + email + " in " + team));
            accounts.resetPassword(u.id(), password);
            return Json.object().put("user_id", u.id()).put("password_reset", true);
        }
    }

    @Command(name = "list-workspaces", mixinStandardHelpOptions = true, description = "List workspaces with their user counts.")
    static final class ListWorkspaces extends Base {
        @Override
        ObjectNode run(Accounts accounts, Confab confab) {
            ObjectNode out = Json.object();
            ArrayNode list = out.putArray("workspaces");
            for (Team t : confab.stores().teams().list()) {
                list.addObject().put("team_id", t.id()).put("name", t.name()).put("domain", t.domain())
                        .put("users", confab.stores().users().count(t.id()));
            }
            return out;
        }
    }

    @Command(name = "reindex", mixinStandardHelpOptions = true,
            description = "Rebuild the message search index (<data-dir>/search) from the store. Stop the server first.")
    static final class Reindex extends Base {
        @Override
        ObjectNode run(Accounts accounts, Confab confab) {
            java.nio.file.Path dir = store.toConfig().dataDir().resolve("search");
            dev.confab.search.lucene.LuceneSearchIndex index;
            try {
                index = dev.confab.search.lucene.LuceneSearchIndex.open(dir);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the search index " + dir + " is in use: stop the server, then reindex", e);
            }
            try (index) {
                long start = System.nanoTime();
                var r = dev.confab.search.Reindex.run(confab.stores(), index);
                return Json.object().put("channels", r.channels()).put("messages", r.messages())
                        .put("outbox_cursor", r.outboxCursor()).put("seconds", (System.nanoTime() - start) / 1e9);
            }
        }
    }

    static String teamId(Confab confab, String idOrDomain) {
        return confab.stores().teams().get(idOrDomain)
                .or(() -> confab.stores().teams().findByDomain(idOrDomain))
                .map(Team::id)
                .orElseThrow(() -> new IllegalArgumentException("no workspace '" + idOrDomain + "'"));
    }
}
