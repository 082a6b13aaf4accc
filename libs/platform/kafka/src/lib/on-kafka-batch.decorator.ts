import { applyDecorators, Catch, type RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { type Observable, throwError } from 'rxjs';

/** The transport id of {@link KafkaBatchTransport}: handlers marked with it register with no other transport. */
export const KAFKA_BATCH_TRANSPORT = Symbol('cde-kafka-batch');

/**
 * Hands the handler's error to the transport as it was thrown. Nest's default RPC filter would replace it with
 * `{ status: 'error' }`, and the transport logs the error itself before it retries the batch.
 */
@Catch()
export class KafkaBatchErrorPassThrough implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Marks a controller method as the batch handler of one or more topics, for {@link KafkaBatchTransport}.
 * The method gets a `KafkaBatch` (and a `KafkaBatchContext` as second argument) and returns
 * `Promise<BatchOutcome | void>`; its offsets are committed only once it resolved. One handler per topic.
 */
export function OnKafkaBatch(topics: string | readonly string[]): MethodDecorator {
  const list = typeof topics === 'string' ? [topics] : [...topics];
  return applyDecorators(
    EventPattern(list, KAFKA_BATCH_TRANSPORT),
    UseFilters(new KafkaBatchErrorPassThrough()),
  );
}
