package dev.confab.api;

import java.util.Map;
import java.util.TreeMap;

/** Every Web API method by name. Families add theirs with {@link #add}; a name twice is a bug. */
public final class MethodTable {
    private final Map<String, ApiMethod> methods = new TreeMap<>();

    public MethodTable add(String name, RateTier tier, ApiMethod.Handler handler) {
        return put(new ApiMethod(name, tier, true, handler, null));
    }

    /** A method that can also answer without blocking; see {@link ApiMethod.Async}. */
    public MethodTable add(String name, RateTier tier, ApiMethod.Handler handler, ApiMethod.Async async) {
        return put(new ApiMethod(name, tier, true, handler, async));
    }

    public MethodTable addPublic(String name, RateTier tier, ApiMethod.Handler handler) {
        return put(new ApiMethod(name, tier, false, handler, null));
    }

    private MethodTable put(ApiMethod m) {
        if (methods.putIfAbsent(m.name(), m) != null) throw new IllegalStateException("method registered twice: " + m.name());
        return this;
    }

    public ApiMethod get(String name) {
        return methods.get(name);
    }

    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(methods.keySet());
    }
}
