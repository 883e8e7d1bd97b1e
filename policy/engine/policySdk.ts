// The one adapter to @pulumi/policy 1.20.0 and @pulumi/pulumi 3.248.0 internals the offline runner relies on (checked by test/policySdk.test.ts).

// The runner mirrors `@pulumi/policy`'s server.js (level resolution, not-applicable, the unknown-checking proxy)
// and the Pulumi wire format of property values. None of it is a public API: an upgrade may change any of it,
// so every reach into a package's internals is here, and its test names the version it was written for.

/** The versions this adapter was written against; the test fails, naming them, when the installed ones differ. */
export const WRITTEN_FOR = { "@pulumi/policy": "1.20.0", "@pulumi/pulumi": "3.248.0" } as const;

// The engine's own proxy (internal module of the pinned @pulumi/policy, no typings): policies must meet
// the same unknown sentinels and the same UnknownValueError under the runner as under `--policy-pack`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxyModule = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T extends object>(o: T): T };

/** Wraps resource properties as the engine does: reading an unknown value throws `UnknownValueError`. */
export function unknownCheckingProxy<T extends object>(o: T): T {
    return proxyModule.unknownCheckingProxy(o);
}

/**
 * Signatures of the special values of the Pulumi resource protocol (`@pulumi/pulumi/runtime/rpc`):
 * a property value that is an object with `SIG_KEY` set is a secret, a resource reference or an output value.
 * Stack exports and mock recordings carry them; policies must see plain values instead.
 */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
