using Dynamo.Protocol;
using Dynamo.Server.Hosting;
using Dynamo.Server.Node;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Dynamo.Server.Http;

/// <summary>One request to the node, answered over HTTP whatever comes back: the expected reply, a failure, or nothing in time.</summary>
public static class NodeCall
{
    /// <summary>
    /// Sends <paramref name="request"/> and answers <paramref name="onReply"/>'s result for the
    /// reply, the mapped error for a <see cref="KvFailure"/>, and 503 when the node is silent.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="request">The protocol message.</param>
    /// <param name="settings">Holds the reply timeout.</param>
    /// <param name="isWrite">Whether silence or a quorum failure leaves the outcome unknown.</param>
    /// <param name="http">The request being answered (its abort token ends the wait).</param>
    /// <param name="onReply">The answer to an expected reply; null for a reply it does not expect.</param>
    public static async Task<IResult> AnswerAsync(
        IDynamoNode node, IMessage request, HttpSettings settings, bool isWrite, HttpContext http, Func<object, IResult?> onReply)
    {
        object reply;
        try
        {
            reply = await node.SendAsync(request, settings.ReplyTimeout, http.RequestAborted);
        }
        catch (TimeoutException)
        {
            return KvReplies.NoAnswer(settings.ReplyTimeout, isWrite);
        }
        return reply is KvFailure failure ? KvReplies.Failure(failure, isWrite) : onReply(reply) ?? KvReplies.Unexpected(reply);
    }
}
