// A JSON Schema validator for @rjsf/core that works under the webview's strict CSP. The usual
// @rjsf/validator-ajv8 compiles schemas with `new Function`, which 'unsafe-eval'-free pages refuse;
// @cfworker/json-schema interprets schemas instead (drafts 4, 7, 2019-09, 2020-12, $ref/$defs).
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { draftOf, leafErrors } from '../../core/lint/validateJson';

export { validateValue } from '../../core/lint/validateJson';
import {
  createErrorHandler,
  getDefaultFormState,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';

export class CspSafeValidator implements ValidatorType<any, RJSFSchema, any> {
  private readonly cache = new WeakMap<object, Validator>();

  private validatorFor(schema: RJSFSchema, rootSchema?: RJSFSchema): Validator {
    const key = schema as object;
    const cached = rootSchema === undefined || rootSchema === schema ? this.cache.get(key) : undefined;
    if (cached) return cached;
    // A sub-schema (a oneOf option, an array item) still refers to the root's $defs/definitions.
    const withDefs: Record<string, unknown> = { ...schema };
    if (rootSchema && rootSchema !== schema) {
      if (rootSchema.$defs) withDefs.$defs = { ...rootSchema.$defs, ...(schema.$defs ?? {}) };
      if (rootSchema.definitions) withDefs.definitions = { ...rootSchema.definitions, ...(schema.definitions ?? {}) };
    }
    const v = new Validator(withDefs as Schema, draftOf(rootSchema ?? schema), false);
    if (rootSchema === undefined || rootSchema === schema) this.cache.set(key, v);
    return v;
  }

  rawValidation<Result = any>(schema: RJSFSchema, formData?: any): { errors?: Result[]; validationError?: Error } {
    try {
      const r = this.validatorFor(schema).validate(formData);
      return { errors: r.valid ? undefined : (leafErrors(r.errors) as unknown as Result[]) };
    } catch (err) {
      return { validationError: err as Error };
    }
  }

  validateFormData(
    formData: any,
    schema: RJSFSchema,
    customValidate?: CustomValidator<any, RJSFSchema, any>,
    transformErrors?: ErrorTransformer<any, RJSFSchema, any>,
    uiSchema?: UiSchema<any, RJSFSchema, any>,
  ): ValidationData<any> {
    const raw = this.rawValidation<OutputUnit>(schema, formData);
    let errors: RJSFValidationError[] = (raw.errors ?? []).map(toRjsfError);
    if (raw.validationError) errors = [...errors, { stack: `The schema cannot be used: ${raw.validationError.message}` }];
    if (typeof transformErrors === 'function') errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema<any>(errors);
    if (typeof customValidate !== 'function') return { errors, errorSchema };
    const filled = getDefaultFormState(this, schema, formData, schema, true);
    const handler = customValidate(filled, createErrorHandler(filled), uiSchema, errorSchema);
    return validationDataMerge({ errors, errorSchema }, unwrapErrorHandler(handler));
  }

  isValid(schema: RJSFSchema, formData: any, rootSchema: RJSFSchema): boolean {
    try {
      return this.validatorFor(schema, rootSchema).validate(formData).valid;
    } catch {
      return false;
    }
  }

  reset(): void {
    // Validators are cached per schema object in a WeakMap: nothing to clear.
  }
}

function toRjsfError(e: OutputUnit): RJSFValidationError {
  const segments = e.instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeSegment);
  // cfworker reports a missing property at its parent; rjsf shows it on the field itself.
  const missing = e.keyword === 'required' ? /"([^"]+)"/.exec(e.error)?.[1] : undefined;
  if (missing) segments.push(missing);
  const property = segments.length ? `.${segments.join('.')}` : '';
  const message = missing ? 'is a required property' : e.error;
  return { name: e.keyword, property, message, stack: `${property || '/'} ${message}`.trim(), schemaPath: e.keywordLocation };
}

function decodeSegment(s: string): string {
  return decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~');
}
