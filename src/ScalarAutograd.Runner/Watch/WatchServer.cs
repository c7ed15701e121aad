using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;


namespace ScalarAutograd.Runner;

/// <summary>
/// Serves the watched notebook's page with Kestrel on 127.0.0.1 only: <c>/</c> the page, <c>/events</c> its updates
/// (server-sent events), <c>/restart</c> the kernel-restart button, <c>/files/…</c> pictures from the notebook's own
/// folder. Every request needs the token printed in the URL and a loopback <c>Host</c> (no DNS rebinding), else
/// 403. Nothing accepts code: the page reads outputs, it cannot run anything.
/// </summary>
internal sealed class WatchServer : IAsyncDisposable
{
    public const int DefaultPort = 8790;
    private const int PortsTried = 100;
    private readonly WebApplication _app;
    private readonly WatchState _state;
    private readonly List<Channel<string>> _pages = [];

    private WatchServer(WebApplication app, WatchState state, int port, string token)
    {
        _app = app;
        _state = state;
        Port = port;
        Token = token;
    }

    public int Port { get; }

    public string Token { get; }

    public string Url => $"http://127.0.0.1:{Port}/?token={Token}";

    /// <summary>Listens on the first free port from <paramref name="port"/> on.</summary>
    /// <exception cref="IOException">None of the next 100 ports is free.</exception>
    public static async Task<WatchServer> StartAsync(int port, string folder, WatchState state, Action restart, Action stop)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        for (var p = port; p < port + PortsTried && p <= IPEndPoint.MaxPort; p++)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            var listen = p;
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, listen));
            var app = builder.Build();
            var server = new WatchServer(app, state, p, token);
            server.Map(folder, restart);
            app.Lifetime.ApplicationStopping.Register(stop); // Ctrl-C and SIGTERM
            try
            {
                await app.StartAsync();
                return server;
            }
            catch (IOException e) when (e.InnerException is AddressInUseException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await app.DisposeAsync();
            }
        }
        throw new IOException($"Ports {port}–{port + PortsTried - 1} on 127.0.0.1 are all in use: give another with --port.");
    }

    /// <summary>Sends what changed since the last call to every open page.</summary>
    public void Publish()
    {
        lock (_state.Gate)
        {
            if (_state.Changes() is not { } message) return;
            foreach (var page in _pages) page.Writer.TryWrite(message);
        }
    }

    private void Map(string folder, Action restart)
    {
        _app.Use(async (context, next) =>
        {
            var refusal = Refusal(context.Request);
            if (refusal is not null)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync(refusal + "\n");
                return;
            }
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["Referrer-Policy"] = "no-referrer"; // the token never leaves in a Referer
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await next(context);
        });
        _app.MapGet("/", () => Results.Content(NotebookPage.Html(_state.Title, _state.PageCells(), live: true), "text/html; charset=utf-8"));
        _app.MapGet("/events", Events);
        _app.MapPost("/restart", () =>
        {
            restart();
            return Results.Text("restarting\n");
        });
        _app.MapGet("/files/{**path}", (string path) => NotebookFolderFile.Find(folder, path) is { } file
            ? Results.File(file, NotebookFolderFile.ContentType(file))
            : Results.NotFound());
    }

    // Why a request is refused, or null: a Host that is not this loopback address (a DNS-rebinding page reaches us
    // under its own name), or no token, or a wrong one.
    private string? Refusal(HttpRequest request)
    {
        var host = request.Host;
        var loopback = host.Host is "127.0.0.1" or "localhost" or "[::1]" && (host.Port is null || host.Port == Port);
        if (!loopback) return $"Forbidden: this server answers only to 127.0.0.1:{Port} (the request said Host: {host}).";
        var given = request.Query["token"].ToString();
        var ok = given.Length == Token.Length && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), Encoding.ASCII.GetBytes(Token));
        return ok ? null : "Forbidden: wrong or missing token. Open the URL the runner printed (it ends in ?token=…).";
    }

    private async Task Events(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var page = Channel.CreateUnbounded<string>();
        lock (_state.Gate)
        {
            page.Writer.TryWrite(_state.Snapshot()); // everything first, then only changes: nothing is missed
            _pages.Add(page);
        }
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _app.Lifetime.ApplicationStopping);
        try
        {
            await foreach (var message in page.Reader.ReadAllAsync(done.Token))
            {
                await context.Response.WriteAsync("data: " + message + "\n\n", done.Token);
                await context.Response.Body.FlushAsync(done.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // the page closed, or the runner is stopping
        }
        finally
        {
            lock (_state.Gate) _pages.Remove(page);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await _app.StopAsync(quick.Token);
        await _app.DisposeAsync();
    }
}
