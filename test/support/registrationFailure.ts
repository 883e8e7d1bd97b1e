// How a check inside an Output fails a deployment under mocks: a resource's inputs cannot be serialized.
//
// The rejection happens while the SDK serializes the inputs, outside any await of the program or the test, so it
// surfaces as an unhandled rejection (verifier/evaluateChild.ts reports a failed stack the same way). The failed
// resource never finishes registering: a test that expects this must not `settle()` afterwards.

/** The message of the next unhandled rejection, or a rejection naming `timeoutMs` when none comes. */
export function nextRegistrationFailure(timeoutMs = 10000): Promise<string> {
    return new Promise((resolve, reject) => {
        const listener = (reason: unknown) => {
            clearTimeout(timer);
            process.off("unhandledRejection", listener);
            resolve(reason instanceof Error ? reason.message : String(reason));
        };
        const timer = setTimeout(() => {
            process.off("unhandledRejection", listener);
            reject(new Error(`no registration failed within ${timeoutMs} ms`));
        }, timeoutMs);
        process.on("unhandledRejection", listener);
    });
}
