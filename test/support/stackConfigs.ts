// Test helpers: the example stack files' merged config, parsed, with per-test overrides.
import * as path from "path";
import { readRawConfig } from "../../config/loadConfig";
import { parseConfig, PlatformConfig, RawConfig } from "../../config/platformConfig";
import { mergedStackConfig } from "../../verifier/stackConfig";
import { discoverStacks } from "../../config/stackFiles";

export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** Raw config of an example stack as the CLI would hand it over, with fully-qualified overrides (undefined unsets). */
export function rawStackConfig(stack: string, overrides: Record<string, string | undefined> = {}): RawConfig {
    const file = discoverStacks(PROJECT_DIR).find((s) => s.name === stack);
    if (!file) throw new Error(`no example stack ${stack}`);
    const merged: Record<string, string | undefined> = { ...mergedStackConfig(PROJECT_DIR, file), ...overrides };
    return readRawConfig(stack, (key) => merged[key]);
}

export function stackConfig<T extends PlatformConfig = PlatformConfig>(
    stack: string,
    overrides: Record<string, string | undefined> = {},
): T {
    return parseConfig(rawStackConfig(stack, overrides)) as T;
}
