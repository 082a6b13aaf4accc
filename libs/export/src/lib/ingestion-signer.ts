import { INGESTION_JWT_MAX_LIFETIME_SECONDS, type IngestionJwtClaims } from '@cde/contracts';
import { importPKCS8, SignJWT, type KeyLike } from 'jose';

export interface IngestionSignerOptions {
  readonly environmentId: string;
  readonly apiKey: string;
  /** Token lifetime; at most the protocol's 300 s. */
  readonly lifetimeSeconds?: number;
  /** A token is re-signed this long before it expires, so none expires in flight. */
  readonly refreshMarginSeconds?: number;
  readonly now?: () => number;
}

/**
 * Signs the `x-gw-signature` JWT (RS256, the merchant's private key) with the claims of {@link IngestionJwtClaims},
 * and reuses it until shortly before it expires.
 */
export class IngestionSigner {
  private current: { token: string; refreshAt: number } | undefined;
  private signing: Promise<string> | undefined;
  private readonly lifetime: number;
  private readonly margin: number;
  private readonly now: () => number;

  private constructor(
    private readonly key: KeyLike,
    private readonly options: IngestionSignerOptions,
  ) {
    this.lifetime = Math.min(
      options.lifetimeSeconds ?? INGESTION_JWT_MAX_LIFETIME_SECONDS,
      INGESTION_JWT_MAX_LIFETIME_SECONDS,
    );
    this.margin = Math.min(options.refreshMarginSeconds ?? 60, Math.floor(this.lifetime / 2));
    this.now = options.now ?? Date.now;
  }

  /** From a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`); throws if it is not an RSA key usable for RS256. */
  static async fromPkcs8(pem: string, options: IngestionSignerOptions): Promise<IngestionSigner> {
    const key = await importPKCS8(pem, 'RS256');
    return new IngestionSigner(key, options);
  }

  async token(): Promise<string> {
    const nowSeconds = Math.floor(this.now() / 1000);
    if (this.current !== undefined && nowSeconds < this.current.refreshAt) return this.current.token;
    this.signing ??= this.sign(nowSeconds).finally(() => {
      this.signing = undefined;
    });
    return this.signing;
  }

  private async sign(iat: number): Promise<string> {
    const claims: IngestionJwtClaims = {
      sub: this.options.environmentId,
      apiKey: this.options.apiKey,
      iat,
      exp: iat + this.lifetime,
    };
    const token = await new SignJWT({ apiKey: claims.apiKey })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuedAt(claims.iat)
      .setExpirationTime(claims.exp)
      .sign(this.key);
    this.current = { token, refreshAt: claims.exp - this.margin };
    return token;
  }
}
