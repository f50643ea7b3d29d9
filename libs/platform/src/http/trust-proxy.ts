/** Turns the TRUST_PROXY setting into Express's `trust proxy` value. */
export function parseTrustProxy(setting: string): boolean | number | string[] {
  const value = setting.trim();
  if (/^(false|0|)$/i.test(value)) return false;
  if (/^true$/i.test(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}
