import * as assert from 'node:assert/strict';
import { StdUriTemplate } from '@std-uritemplate/std-uritemplate';
import { expandTemplate, templateVariables } from '../../../src/webview/inspector/uriTemplate';
import { RFC6570_EXAMPLES, RFC6570_VARIABLES } from './rfc6570Examples';

const STRING_VARS = Object.fromEntries(Object.entries(RFC6570_VARIABLES).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;

describe('URI templates (RFC 6570)', () => {
  it('the expansion library gives every example of the RFC, all four levels', () => {
    const wrong = RFC6570_EXAMPLES.map(([section, template, want]) => ({ section, template, want, got: StdUriTemplate.expand(template, RFC6570_VARIABLES) })).filter((r) => r.got !== r.want);
    assert.deepEqual(wrong, []);
    assert.ok(RFC6570_EXAMPLES.length >= 180);
  });

  it('the form expands every RFC example whose variables are plain strings', () => {
    // The form only has strings, and an empty field means "not given", so lists, maps and `empty` are left out.
    const names = (t: string) => templateVariables(t);
    const usable = RFC6570_EXAMPLES.filter(([, t]) => names(t).every((n) => n in STRING_VARS || !(n in RFC6570_VARIABLES)));
    assert.ok(usable.length > 80, `${usable.length} examples`);
    for (const [section, template, want] of usable) assert.equal(expandTemplate(template, STRING_VARS), want, `${section} ${template}`);
  });

  it('expands path segments and path parameters with their prefixes', () => {
    assert.equal(expandTemplate('{/a,b}', { a: '1', b: '2' }), '/1/2');
    assert.equal(expandTemplate('{;x,y}', { x: '1024', y: '768' }), ';x=1024;y=768');
    assert.equal(expandTemplate('{;x}', { x: '1024' }), ';x=1024');
    assert.equal(expandTemplate('X{.x,y}', { x: '1024', y: '768' }), 'X.1024.768');
  });

  it('treats an empty field as not given', () => {
    assert.equal(expandTemplate('x://s{?q,page}', { q: 'mcp', page: '' }), 'x://s?q=mcp');
    assert.equal(expandTemplate('x://s{/a,b}', { a: '', b: '2' }), 'x://s/2');
  });

  it('returns a malformed template as written instead of throwing', () => {
    assert.equal(expandTemplate('demo://{id', { id: '1' }), 'demo://{id');
    assert.equal(expandTemplate('demo://{}', {}), 'demo://{}');
  });

  it('lists each variable once, without operators or modifiers', () => {
    assert.deepEqual(templateVariables('file:///{+path}{?q,page}#{frag}/{id}{id}'), ['path', 'q', 'page', 'frag', 'id']);
    assert.deepEqual(templateVariables('{/list*,path:4}{;x,y}X{.keys*}{&var:3}'), ['list', 'path', 'x', 'y', 'keys', 'var']);
    assert.deepEqual(templateVariables('demo://notes'), []);
  });
});
