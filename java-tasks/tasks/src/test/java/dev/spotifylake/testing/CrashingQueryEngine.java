package dev.spotifylake.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;

import dev.spotifylake.engine.PartitionChange;
import dev.spotifylake.engine.QueryEngine;

/**
 * A catalog whose task dies before the first partition statement that contains a text the test chose, the way
 * kill -9 stops a task between two statements: the statements of that change before it have run, its publish has
 * not ({@link CrashingObjectStore.Killed}). Every other call goes through to the engine.
 */
public final class CrashingQueryEngine {
    private CrashingQueryEngine() {
    }

    public static QueryEngine dyingBefore(String statementText, QueryEngine engine) {
        return (QueryEngine) Proxy.newProxyInstance(QueryEngine.class.getClassLoader(), new Class<?>[] {QueryEngine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("changePartition")) {
                        changePartition(engine, (PartitionChange) args[0], statementText);
                        return null;
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void changePartition(QueryEngine engine, PartitionChange change, String statementText) {
        List<String> statements = change.statements();
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).contains(statementText)) {
                engine.changePartition(new PartitionChange(statements.subList(0, i), Optional.empty()));
                throw new CrashingObjectStore.Killed();
            }
        }
        engine.changePartition(change);
    }
}
