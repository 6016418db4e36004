import type { Config } from "../../env";

/** What issuing and checking tokens needs from configuration; services get it, not the whole env. */
export interface TokenSettings {
  privateKey: string;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

export function tokenSettings(config: Config): TokenSettings {
  return {
    privateKey: config.JWT_PRIVATE_KEY,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
  };
}
