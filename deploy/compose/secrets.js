// docker-compose.yml's first one-shot: the local passwords and the merchant's keys, generated once into the
// cde-secrets volume (never committed, as ./dev does into .run). Every other service reads them from there.
const { generateKeyPairSync, randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');

const dir = '/run/cde';
const file = `${dir}/secrets.env`;
if (existsSync(file)) process.exit(0);
mkdirSync(`${dir}/keys`, { recursive: true });
const secret = () => randomBytes(16).toString('hex');
const apiKey = secret();
const rootPassword = secret();
writeFileSync(`${dir}/mysql-root-password`, rootPassword, { mode: 0o444 });
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
writeFileSync(`${dir}/keys/merchant-private.pem`, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
  mode: 0o444,
});
writeFileSync(`${dir}/keys/merchant-public.pem`, publicKey.export({ type: 'spki', format: 'pem' }), {
  mode: 0o444,
});
writeFileSync(
  file,
  [
    `MYSQL_ROOT_PASSWORD=${rootPassword}`,
    `CDE_DEBEZIUM_DB_PASSWORD=${secret()}`,
    `CDE_COMMERCE_DB_READER_PASSWORD=${secret()}`,
    `CDE_FEED_DB_PASSWORD=${secret()}`,
    `CDE_RECEIVER_DB_PASSWORD=${secret()}`,
    `CDE_EXPORT_API_KEY=${apiKey}`,
    `CDE_RECEIVER_API_KEY=${apiKey}`,
    '',
  ].join('\n'),
  { mode: 0o444 },
);
