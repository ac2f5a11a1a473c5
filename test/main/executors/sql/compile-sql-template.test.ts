import { describe, expect, it } from 'vitest';
import { compileSqlTemplate, type RenderedStatement } from '../../../../main/executors/sql/compile-sql-template';
import { lexSqlTemplate, type TagPosition } from '../../../../main/executors/sql/sql-lexer';
import type { SqlDialect } from '../../../../main/executors/sql/sql-dialect';
import { TemplateRenderError } from '../../../../main/templates/render-template';
import type { TagValues } from '../../../../main/templates/tag-values';

const positions = (source: string, dialect: SqlDialect): TagPosition['kind'][] =>
  lexSqlTemplate(source, dialect).statements.flatMap((s) => s.pieces.flatMap((p) => (p.kind === 'tag' ? [p.position.kind] : [])));

const values = (entries: Record<string, string>, secret: readonly string[] = ['NEW_PASSWORD', 'CURRENT_PASSWORD']): TagValues =>
  new Map(Object.entries(entries).map(([name, value]) => [name, { available: true, value, secret: secret.includes(name) }]));

function render(dialect: SqlDialect, source: string, entries: Record<string, string>): readonly RenderedStatement[] {
  let sent: readonly RenderedStatement[] = [];
  const compiled = compileSqlTemplate(dialect, source, [], async (_target, _auth, statements) => {
    sent = statements;
    return { ok: true, transcript: [] };
  });
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  void compiled.render(values(entries), 'posix').run({ host: 'x', port: 1, pinnedFingerprint: null }, { username: 'u', password: 'p' }, {});
  return sent;
}

const errors = (dialect: SqlDialect, source: string) => compileSqlTemplate(dialect, source, [], async () => ({ ok: true, transcript: [] })).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('SQL template lexer: where each tag sits', () => {
  it('tells literals, quoted and bare identifiers apart in both dialects', () => {
    expect(positions(`ALTER USER [#USERNAME#] WITH PASSWORD '[#NEW_PASSWORD#]'`, 'postgresql')).toEqual(['identifier', 'literal']);
    expect(positions(`ALTER USER "x[#USERNAME#]" PASSWORD 'a''[#ADD_INFO#]'`, 'postgresql')).toEqual(['quoted-identifier', 'literal']);
    expect(positions("ALTER USER `[#USERNAME#]`@'[#ADD_INFO#]' IDENTIFIED BY \"[#NEW_PASSWORD#]\"", 'mysql')).toEqual(['quoted-identifier', 'literal', 'literal']);
  });

  it('finds tags it cannot make safe: comments, dollar quotes, E and U& strings, glued words, after a MySQL backslash', () => {
    expect(positions(`-- [#USERNAME#]\nSELECT 1`, 'postgresql')).toEqual([]);
    expect(positions(`SELECT 1 /* [#USERNAME#] */`, 'postgresql')).toEqual(['unsafe']);
    expect(positions(`SELECT 1 # [#USERNAME#]`, 'mysql')).toEqual([]);
    expect(positions(`DO $x$ BEGIN [#USERNAME#] END $x$`, 'postgresql')).toEqual(['unsafe']);
    expect(positions(`SELECT E'[#USERNAME#]', U&'[#USERNAME#]'`, 'postgresql')).toEqual(['unsafe', 'unsafe']);
    expect(positions(`ALTER USER app_[#USERNAME#] PASSWORD 'x'`, 'postgresql')).toEqual(['unsafe']);
    expect(positions(`SELECT '\\[#USERNAME#]'`, 'mysql')).toEqual(['unsafe']);
    expect(positions(`SELECT '\\\\[#USERNAME#]'`, 'mysql')).toEqual(['literal']);
  });

  it('splits statements at ; outside literals and comments, a statement spanning lines', () => {
    const lexed = lexSqlTemplate(`SELECT ';';\n-- only a comment;\nALTER USER x\n  PASSWORD 'y';\n`, 'postgresql');
    expect(lexed.statements.map((s) => s.line)).toEqual([1, 3]);
    expect(lexSqlTemplate(`SELECT 'unclosed`, 'mysql').problems.map((p) => p.kind)).toEqual(['unclosed']);
  });
});

describe('SQL template compile and render', () => {
  it("refuses secrets outside PostgreSQL's PASSWORD clause and tags it cannot quote", () => {
    expect(errors('postgresql', `SELECT '[#NEW_PASSWORD#]'`)).toEqual(['sql-secret-outside-password']);
    expect(errors('postgresql', `ALTER USER x PASSWORD 'pre[#NEW_PASSWORD#]'`)).toEqual(['sql-secret-outside-password']);
    expect(errors('mysql', `ALTER USER [#NEW_PASSWORD#]`)).toEqual(['sql-secret-outside-literal']);
    expect(errors('mysql', `SET PASSWORD = PASSWORD('[#NEW_PASSWORD#]')`)).toEqual([]);
    expect(errors('postgresql', `SELECT [#NOPE#], '[#USERNAME|sh#]'`)).toEqual(['unknown-tag', 'unknown-filter']);
    expect(errors('postgresql', `/* [#USERNAME#] */ SELECT 1`)).toEqual(['sql-unsafe-tag-position']);
  });

  const hostile = [`'; DROP ROLE x; --`, `a\\'b`, `"; DROP ROLE x; --`, 'back`tick', `\\`, `x'||'y`, `$$`, '*/ DROP'];
  it.each(hostile)('keeps %j inside its literal or identifier (PostgreSQL)', (value) => {
    const [statement] = render('postgresql', `ALTER USER [#USERNAME#] SET search_path = '[#ADD_INFO#]'`, { USERNAME: value, ADD_INFO: value });
    const sql = statement?.sql ?? '';
    expect(sql).toBe(`ALTER USER "${value.replaceAll('"', '""')}" SET search_path = '${value.replaceAll("'", "''")}'`);
    // Lexing the rendered statement again finds exactly one statement, so nothing was added.
    expect(lexSqlTemplate(sql, 'postgresql').statements).toHaveLength(1);
  });

  it.each(hostile)('keeps %j inside its literal or identifier (MySQL)', (value) => {
    const [statement] = render('mysql', "ALTER USER '[#USERNAME#]'@'[#ADD_INFO#]' COMMENT \"[#ADD_INFO#]\"; SELECT [#USERNAME#]", { USERNAME: value, ADD_INFO: value });
    const escaped = (q: string) => value.replaceAll('\\', '\\\\').replaceAll(q, q + q);
    expect(statement?.sql).toBe(`ALTER USER '${escaped("'")}'@'${escaped("'")}' COMMENT "${escaped('"')}"`);
    expect(lexSqlTemplate(statement?.sql ?? '', 'mysql').statements).toHaveLength(1);
  });

  it('sends the SCRAM-SHA-256 verifier, never the password, in a PostgreSQL PASSWORD clause', () => {
    const [statement] = render('postgresql', `ALTER USER [#USERNAME#] WITH PASSWORD '[#NEW_PASSWORD#]'`, { USERNAME: 'alice', NEW_PASSWORD: 'S3cret!pw' });
    expect(statement?.sql).toMatch(/^ALTER USER "alice" WITH PASSWORD 'SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}'$/);
    expect(statement?.sql).not.toContain('S3cret!pw');
  });

  it.each(['a\u0000b', 'line\nbreak', 'tab\there', 'esc\u001b'])('refuses %j before anything is sent', (value) => {
    const compiled = compileSqlTemplate('mysql', `ALTER USER '[#USERNAME#]'@'%' IDENTIFIED BY '[#NEW_PASSWORD#]'`, [], async () => ({ ok: true, transcript: [] }));
    expect(() => compiled.render(values({ USERNAME: 'u', NEW_PASSWORD: value }), 'posix')).toThrow(TemplateRenderError);
    expect(() => compiled.render(values({ USERNAME: value, NEW_PASSWORD: 'x' }), 'posix')).toThrow(TemplateRenderError);
  });

  it('refuses a PostgreSQL name longer than the server keeps', () => {
    const compiled = compileSqlTemplate('postgresql', `ALTER USER [#USERNAME#] PASSWORD '[#NEW_PASSWORD#]'`, [], async () => ({ ok: true, transcript: [] }));
    expect(() => compiled.render(values({ USERNAME: 'a'.repeat(64), NEW_PASSWORD: 'x' }), 'posix')).toThrow(/63 bytes/);
  });
});
