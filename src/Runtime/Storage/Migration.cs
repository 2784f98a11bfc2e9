namespace OrleansChat.Runtime.Storage;

/// <summary>
/// One versioned schema change. <paramref name="Id"/> is recorded in <c>schema_migrations</c> once
/// applied, so it must be unique across all components and never change; by convention it is
/// <c>component/NNNN-description</c>, e.g. <c>runtime/0001-grain-state</c>. <paramref name="Sql"/>
/// runs inside a transaction, so it cannot use statements that refuse one
/// (<c>CREATE INDEX CONCURRENTLY</c>, <c>VACUUM</c>). Never edit a migration once released: add a new one.
/// </summary>
public sealed record Migration(string Id, string Sql);
