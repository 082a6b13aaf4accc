import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';

export const ASSETS_DIR = Symbol('ASSETS_DIR');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The files of the page, read once at boot; served with a strict content security policy. */
const FILES = ['index.html', 'app.js', 'style.css'] as const;

/**
 * The dashboard: one static page and its script, no build step. The page itself is public (it only shows a
 * sign-in form until /api/session answers); every datum comes from the authenticated API.
 */
@Controller()
export class WebController {
  private readonly files = new Map<string, Buffer>();

  constructor(@Inject(ASSETS_DIR) dir: string) {
    for (const file of FILES) this.files.set(file, readFileSync(path.join(dir, file)));
  }

  @Get()
  index(@Res() res: ServerResponse): void {
    this.send(res, 'index.html');
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: ServerResponse): void {
    if (!this.files.has(file) || file === 'index.html') throw new NotFoundException();
    this.send(res, file);
  }

  private send(res: ServerResponse, file: string): void {
    const body = this.files.get(file)!;
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
      'content-security-policy':
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(body);
  }
}
