namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>An observer interface: gets the same generated code as grain interfaces.</summary>
public interface IRoomObserver : IGrainObserver
{
    Task OnMessage(ChatLine line, [Immutable] List<string> mentions, IGreeterGrain author);
}
