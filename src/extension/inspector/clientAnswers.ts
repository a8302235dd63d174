// The developer's answers to what the server asks of the client (sampling, elicitation) and to links it wants
// opened. Links open only after the host asks, and only web and mail addresses.
import type { CreateMessageRequest } from '@modelcontextprotocol/client';
import type { ClientRequestBroker } from './clientRequests';
import type { HandlerGroup } from './handlerTable';
import type { InspectorHost } from './hostApi';

export function clientAnswerHandlers(broker: ClientRequestBroker, host: InspectorHost): HandlerGroup<'answerSampling' | 'sampleWithModel' | 'answerElicitation' | 'openUrl'> {
  return {
    answerSampling: (p) => {
      if ('reject' in p) broker.reject(p.requestId, p.reject);
      else broker.answer(p.requestId, p.result);
    },
    sampleWithModel: async ({ requestId, model }) => host.draftWithModel(broker.paramsOf(requestId) as CreateMessageRequest['params'], model),
    answerElicitation: ({ requestId, action, content }) => broker.answer(requestId, action === 'accept' ? { action, content: content ?? {} } : { action }),
    openUrl: ({ url }) => host.confirmAndOpen(checkedLink(url)),
  };
}

/** A link from a server as a URL, if it is one the inspector may offer to open. */
export function checkedLink(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a valid URL.`);
  }
  if (!['http:', 'https:', 'mailto:'].includes(parsed.protocol)) throw new Error(`Only http, https and mailto links can be opened (got ${parsed.protocol}).`);
  return parsed;
}
