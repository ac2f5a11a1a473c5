import { useEffect, useState } from 'react';
import type { TemplateExecutor, TemplateValidation, TemplateVariable } from '../../../shared/domain/template';
import { api } from '../../api/api';

/** Quiet time after the last keystroke before asking main to lint. */
const LINT_DELAY_MS = 250;

export interface LintState {
  readonly validation: TemplateValidation | undefined;
  /** True while the body or variables on screen have not been linted yet. */
  readonly stale: boolean;
  readonly error: string | undefined;
}

/** Lints as the operator types ('template.lint', debounced), in the executor's language; answers for older text are dropped. */
export function useTemplateLint(body: string, variables: readonly TemplateVariable[], executor: TemplateExecutor): LintState {
  const key = JSON.stringify([body, variables, executor]);
  const [state, setState] = useState<{ readonly key: string; readonly validation: TemplateValidation | undefined; readonly error: string | undefined }>({ key: '', validation: undefined, error: undefined });

  useEffect(() => {
    let current = true;
    const [lintBody, lintVars, lintExecutor] = JSON.parse(key) as [string, TemplateVariable[], TemplateExecutor];
    const timer = setTimeout(() => {
      void api()
        .call('template.lint', { body: lintBody, variables: lintVars, executor: lintExecutor })
        .then((result) => {
          if (!current) return;
          setState(result.ok ? { key, validation: result.value, error: undefined } : { key, validation: undefined, error: `The template could not be checked: ${result.error.message}` });
        });
    }, LINT_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  return { validation: state.validation, stale: state.key !== key, error: state.error };
}
