using Dynamo.Protocol;
using Microsoft.AspNetCore.Http;

namespace Dynamo.Server.Http;

/// <summary>Turns the router's failures, and the absence of an answer, into HTTP error answers.</summary>
public static class KvReplies
{
    /// <summary>The wording used whenever a write may or may not have been stored.</summary>
    public const string UnknownOutcome = "unknown outcome: the write may have been stored";

    /// <summary>
    /// The answer to a <see cref="KvFailure"/>: 503 when replicas did not answer in time, 400 for
    /// a bad context or request, 413 for an oversized value, 409 for too many siblings.
    /// </summary>
    /// <param name="failure">The router's failure.</param>
    /// <param name="isWrite">Whether the request was a put or delete, whose outcome may be unknown.</param>
    public static IResult Failure(KvFailure failure, bool isWrite)
    {
        ArgumentNullException.ThrowIfNull(failure);
        switch (failure.ReasonCase)
        {
            case KvFailure.ReasonOneofCase.QuorumNotMet:
                var quorum = failure.QuorumNotMet;
                var unknown = isWrite && quorum.OutcomeUnknown;
                return ApiError.Of(StatusCodes.Status503ServiceUnavailable,
                    $"quorum not met: {quorum.Answered} of {quorum.Needed} needed replicas answered"
                        + (unknown ? $"; {UnknownOutcome}" : isWrite ? "; the write was not stored" : ""),
                    ("answered", quorum.Answered), ("needed", quorum.Needed), ("outcomeUnknown", unknown), ("detail", failure.Message));
            case KvFailure.ReasonOneofCase.Timeout:
                return ApiError.Of(StatusCodes.Status503ServiceUnavailable,
                    $"timeout: no replica answered within {failure.Timeout.TimeoutMs} ms" + (isWrite ? $"; {UnknownOutcome}" : ""),
                    ("timeoutMs", failure.Timeout.TimeoutMs), ("outcomeUnknown", isWrite), ("detail", failure.Message));
            case KvFailure.ReasonOneofCase.InvalidContext:
                return ApiError.Of(StatusCodes.Status400BadRequest, failure.Message, ("reason", failure.InvalidContext.Reason));
            case KvFailure.ReasonOneofCase.InvalidRequest:
                return ApiError.Of(StatusCodes.Status400BadRequest, failure.Message, ("reason", failure.InvalidRequest.Reason));
            case KvFailure.ReasonOneofCase.ValueTooLarge:
                return ApiError.TooLarge("value", (long)failure.ValueTooLarge.Size, (long)failure.ValueTooLarge.MaxSize);
            case KvFailure.ReasonOneofCase.TooManySiblings:
                return ApiError.Of(StatusCodes.Status409Conflict, failure.Message,
                    ("siblings", failure.TooManySiblings.Siblings), ("maxSiblings", failure.TooManySiblings.MaxSiblings));
            default:
                return ApiError.Of(StatusCodes.Status500InternalServerError, $"the node failed the request: {failure.Message}");
        }
    }

    /// <summary>503 when the node itself did not answer in time.</summary>
    public static IResult NoAnswer(TimeSpan timeout, bool isWrite) =>
        ApiError.Of(StatusCodes.Status503ServiceUnavailable,
            $"the node did not answer within {timeout.TotalMilliseconds:0} ms" + (isWrite ? $"; {UnknownOutcome}" : ""),
            ("outcomeUnknown", isWrite));

    /// <summary>500 for a reply the API does not expect: a bug, named so it can be found.</summary>
    public static IResult Unexpected(object reply) =>
        ApiError.Of(StatusCodes.Status500InternalServerError, $"unexpected reply from the node: {reply.GetType().Name}");
}
