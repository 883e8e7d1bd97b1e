// Reads raw config values the way the Pulumi runtime exposes them, for parseConfig.
import { CONFIG_KEYS, PROJECT, RawConfig } from "./platformConfig";

/** `get` takes a fully-qualified key (`s3-multiregion:role`, `aws:region`) and returns its string value. */
export function readRawConfig(stack: string, get: (key: string) => string | undefined): RawConfig {
    const values: Record<string, string | undefined> = {};
    for (const key of Object.keys(CONFIG_KEYS)) values[key] = get(`${PROJECT}:${key}`);
    return { stack, awsRegion: get("aws:region"), values };
}
