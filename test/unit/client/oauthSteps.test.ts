// The pluggable browser steps on their own: the headless follower and the loopback catcher, against real HTTP.
import { strict as assert } from 'node:assert';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headlessAuthorize, LoopbackCatcher } from '../../../src/core/client/oauth';

function listen(handler: (url: URL, res: import('node:http').ServerResponse) => void): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => handler(new URL(req.url ?? '/', 'http://x'), res));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('OAuth browser steps', () => {
  it('headless: takes the code from the redirect, and reports a refusal or a missing redirect in a sentence', async () => {
    const { server, base } = await listen((url, res) => {
      const mode = url.searchParams.get('mode');
      if (mode === 'ok') res.writeHead(302, { Location: `http://127.0.0.1:1/callback?code=abc&state=s1` }).end();
      else if (mode === 'deny') res.writeHead(302, { Location: `http://127.0.0.1:1/callback?error=access_denied&error_description=user+said+no` }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<form>approve?</form>');
    });
    try {
      assert.deepEqual(await headlessAuthorize(new URL(`${base}/authorize?mode=ok`), new URL('http://127.0.0.1:1/callback')), { code: 'abc', state: 's1' });
      await assert.rejects(headlessAuthorize(new URL(`${base}/authorize?mode=deny`), new URL('http://127.0.0.1:1/callback')), /refused: access_denied \(user said no\)/);
      await assert.rejects(headlessAuthorize(new URL(`${base}/authorize?mode=page`), new URL('http://127.0.0.1:1/callback')), /answered 200 without redirecting back/);
    } finally {
      server.close();
    }
  });

  it('loopback: catches the code on /callback, answers the browser, and reports a refusal', async () => {
    const catcher = new LoopbackCatcher();
    try {
      const redirect = await catcher.start();
      assert.match(redirect.toString(), /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      let page = '';
      const ok = await catcher.step(async () => {
        page = await (await fetch(`${redirect}?code=xyz&state=st`)).text();
      })(new URL('http://as.invalid/authorize'), redirect);
      assert.deepEqual(ok, { code: 'xyz', state: 'st' });
      assert.match(page, /Signed in/);
      await assert.rejects(
        catcher.step(async () => void (await fetch(`${redirect}?error=access_denied`)).text())(new URL('http://as.invalid/authorize'), redirect),
        /refused: access_denied/,
      );
      assert.equal((await fetch(new URL('/other', redirect))).status, 404);
    } finally {
      catcher.close();
    }
  });
});
