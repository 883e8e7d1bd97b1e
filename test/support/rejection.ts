// The error a promise rejects with, for tests that assert on a failure's exact message, name or cause.
import * as assert from "node:assert/strict";

/** Awaits `promise` and returns what it rejected with; fails the test when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
    try {
        await promise;
    } catch (err) {
        return err as Error;
    }
    assert.fail("expected a rejection");
}
