import type { TemplateVariable } from '../../../shared/domain/template';
import type { TemplateDiagnostic } from '../../../shared/domain/template-diagnostic';
import { isBuiltinTagName, isSecretBuiltinTag } from '../../../shared/domain/template-tags';
import { byPosition, diagnostic } from '../../templates/diagnostic';
import { unknownTagMessage } from '../../templates/lint-tags';
import { safeTagValue, TemplateRenderError } from '../../templates/render-template';
import type { TagToken } from '../../templates/scan-tags';
import { secretForms } from '../../templates/secret-forms';
import type { TagValues } from '../../templates/tag-values';
import type { CompiledTemplate } from '../device-executor';
import { DEFAULT_TIMEOUTS } from '../ssh/ssh-types';
import { scramSha256Verifier } from './scram-verifier';
import { identifierQuote, quoteIdentifierBody, quoteLiteralBody, refuseIdentifier, type SqlDialect } from './sql-dialect';
import { lexSqlTemplate, type SqlPiece, type SqlStatement } from './sql-lexer';
import type { RunSqlStatements } from './run-sql-statements';

/** One statement ready to send, with the template line it starts on. */
export interface RenderedStatement {
  readonly line: number;
  readonly sql: string;
}

const DIALECT_NAME: Readonly<Record<SqlDialect, string>> = { postgresql: 'PostgreSQL', mysql: 'MySQL/MariaDB' };

/**
 * The SQL template language of the database executors: plain SQL statements, separated by `;`
 * (one statement may span lines; the last needs no `;`), each sent on its own with the simple
 * query protocol, never several in one query. Tags are filled in by position (sql-lexer.ts): in a
 * literal escaped as a literal, alone as a word quoted as an identifier; anywhere else they are an
 * error, because no quoting makes them safe there. Secrets go in literals only; on PostgreSQL only
 * as a whole PASSWORD '...' literal, which is sent as the SCRAM-SHA-256 verifier computed here, so
 * the password never reaches the server (or its log_statement log) at all.
 */
export function compileSqlTemplate(dialect: SqlDialect, source: string, variables: readonly TemplateVariable[], runStatements: RunSqlStatements): CompiledTemplate {
  const lexed = lexSqlTemplate(source, dialect);
  const declared = new Map(variables.map((v) => [v.name, v.secret]));
  const secretTag = (name: string): boolean | undefined => (isBuiltinTagName(name) ? isSecretBuiltinTag(name) : declared.get(name));
  const diagnostics: TemplateDiagnostic[] = [];
  for (const problem of lexed.problems) {
    diagnostics.push(diagnostic(problem.kind === 'unclosed' ? 'error' : 'warning', problem.kind === 'unclosed' ? 'unclosed-quote' : 'malformed-tag', problem, problem.message));
  }
  for (const statement of lexed.statements) {
    for (const piece of statement.pieces) {
      if (piece.kind === 'tag') diagnostics.push(...checkTag(dialect, piece, secretTag(piece.tag.name)));
    }
  }
  if (lexed.statements.length === 0 && lexed.problems.length === 0) {
    diagnostics.push(diagnostic('warning', 'empty-template', { line: 1, column: 1 }, 'The template has no SQL statement, so a run would do nothing. Write the statement, e.g. ALTER USER [#USERNAME#] ...'));
  }
  diagnostics.sort(byPosition);
  return {
    diagnostics,
    budgetMs: (base) => (base.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs) + lexed.statements.length * (base.readTimeoutMs ?? DEFAULT_TIMEOUTS.readTimeoutMs) + 1_000,
    render(values) {
      const secrets = new Set<string>();
      const rendered = lexed.statements.map((statement) => renderStatement(dialect, statement, values, (name) => secretTag(name) === true, secrets));
      for (const value of values.values()) {
        if (value.available && value.secret) for (const form of [...secretForms(value.value), quoteLiteralBody(dialect, value.value, "'"), quoteLiteralBody(dialect, value.value, '"')]) secrets.add(form);
      }
      const secretList = [...secrets].filter((s) => s !== '');
      return {
        secrets: secretList,
        lines: rendered.map((statement) => statement.sql),
        run: (target, auth, options) => runStatements(target, auth, rendered, secretList, options),
      };
    },
  };
}

function checkTag(dialect: SqlDialect, piece: Extract<SqlPiece, { kind: 'tag' }>, secret: boolean | undefined): TemplateDiagnostic[] {
  const at = { line: piece.line, column: piece.column, length: piece.tag.raw.length };
  const { tag, position } = piece;
  if (secret === undefined) return [diagnostic('error', 'unknown-tag', at, unknownTagMessage(tag))];
  if (tag.filter !== null) return [diagnostic('error', 'unknown-filter', at, `SQL tags take no filter: pamdesk quotes each value for where it sits (in '...' as a literal, alone as an identifier). Write [#${tag.name}#]`)];
  if (position.kind === 'unsafe') return [diagnostic('error', 'sql-unsafe-tag-position', at, `[#${tag.name}#] is ${position.reason}: no quoting keeps a value there from changing the statement. Put it in a '...' literal or alone as a name`)];
  if (!secret) return [];
  if (position.kind !== 'literal') return [diagnostic('error', 'sql-secret-outside-literal', at, `[#${tag.name}#] is a secret in identifier position: write it as a string literal, '[#${tag.name}#]'`)];
  if (dialect === 'postgresql' && !(position.whole && position.afterPassword && position.quote === "'")) {
    return [
      diagnostic(
        'error',
        'sql-secret-outside-password',
        at,
        `[#${tag.name}#] is a secret outside a PASSWORD '...' clause: PostgreSQL would receive it in clear and its statement log (log_statement) could keep it. pamdesk sends a password only as PASSWORD '[#${tag.name}#]', as the SCRAM-SHA-256 verifier it computes`,
      ),
    ];
  }
  return [];
}

function renderStatement(dialect: SqlDialect, statement: SqlStatement, values: TagValues, isSecretTag: (name: string) => boolean, secrets: Set<string>): RenderedStatement {
  let sql = '';
  for (const piece of statement.pieces) {
    if (piece.kind === 'text') {
      sql += piece.text;
      continue;
    }
    const value = valueOf(piece.tag, piece.line, values);
    const { position } = piece;
    switch (position.kind) {
      case 'literal':
        if (dialect === 'postgresql' && position.afterPassword && position.whole && isSecretTag(piece.tag.name)) {
          const verifier = scramSha256Verifier(value);
          // Masked like the password: an offline guess against it is a guess against the password.
          secrets.add(verifier);
          sql += verifier;
        } else sql += quoteLiteralBody(dialect, value, position.quote);
        break;
      case 'quoted-identifier':
        sql += quoteIdentifierBody(value, position.quote);
        break;
      case 'identifier': {
        const refused = refuseIdentifier(dialect, value);
        if (refused !== null) throw new TemplateRenderError('unsafe-tag-value', piece.line, piece.tag.name, `Line ${piece.line}: the value of [#${piece.tag.name}#] ${refused}. Nothing was sent`);
        const quote = identifierQuote(dialect);
        sql += quote + quoteIdentifierBody(value, quote) + quote;
        break;
      }
      case 'unsafe':
        throw new TemplateRenderError('unsafe-tag-value', piece.line, piece.tag.name, `Line ${piece.line}: [#${piece.tag.name}#] is ${position.reason}; the template cannot run on ${DIALECT_NAME[dialect]}`);
    }
  }
  return { line: statement.line, sql };
}

/** The tag's value, or why this run cannot have it. NUL and every control character are refused. */
function valueOf(tag: TagToken, line: number, values: TagValues): string {
  return safeTagValue(tag, line, values, 'which a database name or password never needs; a NUL would cut the statement').value;
}
