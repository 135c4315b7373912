use server::{Application, settings::Settings, telemetry};

// glibc's allocator spent a seventh of the time of a registration rush in
// malloc and free under contention; mimalloc's per-thread heaps avoid that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // `server precompress <site root>`: the build's last step.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command, root] = args.as_slice()
        && command == "precompress"
    {
        let count = server::assets::precompress(std::path::Path::new(root))?;
        println!("precompressed {count} files in {root} (brotli and gzip)");
        return Ok(());
    }
    let settings = Settings::load()?;
    telemetry::init(settings.log_format);
    let application = Application::build(&settings).await?;
    tracing::info!(address = %application.address(), public_url = %settings.public_url, "Jobfair is listening");
    application
        .run_until_stopped(startup_shutdown_signal())
        .await?;
    tracing::info!("Jobfair stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM: the server then finishes open requests.
async fn startup_shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate() => {},
    }
    tracing::info!("shutdown signal received, finishing open requests");
}

/// Resolves on SIGTERM (what a service manager sends to stop the server).
#[cfg(unix)]
async fn terminate() {
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut signal) => {
            signal.recv().await;
        }
        Err(_) => std::future::pending::<()>().await,
    }
}

#[cfg(not(unix))]
async fn terminate() {
    std::future::pending::<()>().await
}
