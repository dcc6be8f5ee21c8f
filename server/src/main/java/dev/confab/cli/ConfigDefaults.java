package dev.confab.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Where option values come from when no flag gives one: the environment first
 * ({@code --data-dir} ← {@code CONFAB_DATA_DIR}), then the config file ({@code data-dir=…}, a
 * Java properties file), then the option's own default. So flags override environment, which
 * overrides the file.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> env;
    private final Properties file;

    ConfigDefaults(Map<String, String> env, Properties file) {
        this.env = env;
        this.file = file;
    }

    /** Finds the config file: {@code --config PATH} / {@code --config=PATH} in the args, else {@code CONFAB_CONFIG}. */
    static ConfigDefaults load(String[] args, Map<String, String> env) {
        String path = env.get("CONFAB_CONFIG");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) path = args[i + 1];
            else if (args[i].startsWith("--config=")) path = args[i].substring("--config=".length());
        }
        Properties p = new Properties();
        if (path != null && !path.isEmpty()) {
            try (Reader r = Files.newBufferedReader(Path.of(path))) {
                p.load(r);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(new CommandLine(new Object()), "cannot read config file " + path + ": " + e.getMessage());
            }
        }
        return new ConfigDefaults(env, p);
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (!(arg instanceof CommandLine.Model.OptionSpec opt)) return null;
        String key = opt.longestName().replaceFirst("^-+", "");
        String fromEnv = env.get("CONFAB_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (fromEnv != null) return fromEnv;
        return file.getProperty(key);
    }
}
