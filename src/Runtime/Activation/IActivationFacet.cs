namespace OrleansChat.Runtime.Activation;

/// <summary>A constructor-injected component that must be ready before OnActivateAsync (persistent state reads itself).</summary>
internal interface IActivationFacet
{
    Task OnActivateAsync(CancellationToken cancellationToken);
}
